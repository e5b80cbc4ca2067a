// Package ingest reads the files government offices and institutes send — observations and
// indicator frameworks as CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), XLSX and JSON — strictly:
// every cell gives a stated value or a located problem, never a silent guess. It holds no
// database and speaks no HTTP; package store writes what it emits.
//
// # Values
//
// ParseValue reads one value cell against its indicator (engine.Indicator). The rules, in the
// order they apply:
//
//   - Surrounding white space is trimmed, including U+3000 (ideographic space), U+00A0 and
//     zero-width characters. Full-width digits and punctuation are read as their ASCII forms
//     (１２３．５ is 123.5; ，．％＋－［］ likewise), and 【】 〔〕 as brackets.
//   - Missing: a blank cell, a run of dashes (-, –, —, －, "--", "——"), "/", "N/A", "NA"
//     (any case) and "无" mean the value is missing. A missing value is nil, never 0.
//   - Qualitative indicators (target kind qualitative, e.g. "meet the city-assigned target"):
//     the cell is either one of the rubric's labels — the assessment — compared after trimming
//     and full-width folding, giving the label as the rubric spells it (Observation.Label, with
//     a nil Value); or a number — the measurement, read by the number rules below (a qualitative
//     target is still measured: 河流Ⅰ-Ⅲ类水质比重 12.6%). Anything else is an error that lists
//     the allowed labels. Missing markers still mean missing.
//   - Excel errors (#DIV/0!, #N/A, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!, and the newer
//     #SPILL!, #CALC!, #GETTING_DATA, …) are errors that name the Excel error.
//   - A number: an optional sign (+ or -), digits, an optional fraction and an optional exponent
//     (5.5579E2). Thousands separators are accepted in the integer part when every group after the
//     first has exactly three digits (1,234,567.5); any other grouping (1,23,4; 12,34,567; 1,5)
//     is an error — a comma is never a decimal separator. Hexadecimal, underscores, inner spaces
//     and doubled signs are errors.
//   - Brackets: [2000] marks a cumulative total over the plan period, as the plan writes it. It
//     is accepted only when the indicator's target kind is cumulative, and is an error otherwise.
//   - Percent: a trailing % is accepted only on percent indicators (value kind percent, or unit
//     "%"): 85% is 85 percentage points. A bare number on a percent indicator is also percentage
//     points (0.85 is 0.85 points, not 85%). % on any other indicator is an error.
//   - Units: a unit written after the number is stripped when it is the indicator's unit
//     (555.79亿元 on an 亿元 indicator); width, case, spaces and superscripts do not matter
//     (微克/m³ = 微克/ M3). Any other unit is an error stating both units: 万元 is never converted
//     to 亿元.
//   - Bounds and approximations are not values: 约550, 550左右, 50以下, 100以上, ≤50 are errors.
//   - The number must be finite: NaN, Inf, Infinity, and numbers beyond the range of a double
//     (1e400) are errors, as is a non-zero number too small to represent (1e-400), which would
//     otherwise become 0. Negative zero is read as 0.
//
// XLSX cells are read by their raw stored value, never their display text: a cell holding
// 555.789 shown as "555.8" is 555.789. Three display formats change what a number means, and are
// handled explicitly: a cell formatted as a percentage stores a fraction (85% is stored as 0.85),
// so on a percent indicator it is read as raw × 100 percentage points (the decimal point is moved,
// so 0.123 is exactly 12.3) and on other indicators it is an error; a TRUE/FALSE cell (stored as
// 1/0) is an error; a number formatted as a date or time is an error. A formula cell is read by
// its cached result; a formula saved without one (by a program that does not calculate) reads as
// blank.
//
// # Observation files
//
// ReadObservations streams an observation file, validates every row, calls emit for each valid
// row in file order and returns every problem at the end as a *engine.ValidationError of
// engine.Problem{Row, Column, Value, Message}. Memory is bounded by the longest row, not the
// file. Duplicate (indicator, unit, period) rows are not detected here — that would need memory
// proportional to the file — so the caller checks them where it stores the rows.
//
// Columns are named in a header row (the first non-blank row), in any order, in English or
// Chinese, ignoring case, width, spaces and hyphens:
//
//	indicator        indicator_code, 指标代码, 指标, 指标编码          required
//	unit             unit_code, 单位代码, 单位, 被考评单位(代码)      required: the evaluated unit's code
//	period           期间, 时期, 年份                                  required: 2016, 2016-H1, 2016-Q3, 2017-09
//	value            数值, 值                                          required: the rules above
//	source_document  source, document, 来源文件, 来源
//	source_table     table, 来源表
//	source_location  location, 来源位置, 行号, 页码
//	source_quote     quote, 原文, 引文
//	note             notes, 备注
//
// An unknown or repeated column is an error naming it; a missing required column stops the
// reading. A column without a heading must be empty. Indicator and unit codes must be in the
// Schema (exactly: codes are case-sensitive, but full-width letters are folded); the period is
// read by engine.ParsePeriod. Rows that are entirely blank are skipped and counted in
// Summary.BlankRows. Text columns are trimmed and otherwise kept as written.
//
// Positions in problems: Row is the 1-based row a spreadsheet shows (the header of a CSV file
// without leading blank lines is row 1, and a record whose quoted fields hold line breaks is still
// one row); in JSON it is the 1-based index in the array. Column is the header as written in the
// file ("数值") for CSV and TSV, the column letter and header ("D (数值)") for XLSX, and the key
// ("value", "source.document") for JSON. A problem of the whole file has no row.
//
// CSV: comma-separated, or tab-separated for .tsv files, Format tsv, or a first line that holds
// tabs and no commas. Quoting follows RFC 4180; a record with fewer fields than the header, or with
// non-empty fields beyond it, is a row error. The encoding is declared with Options.Encoding
// ("utf-8", "gbk", "gb18030") or detected: a UTF-8 byte-order mark means UTF-8, a UTF-16
// byte-order mark means UTF-16, and otherwise the first non-ASCII characters decide — UTF-8 when
// the first three of them are valid UTF-8, GB18030 (the superset of GBK) when not — however far
// into the file they come. Bytes that are not valid in the chosen encoding are a problem at their
// row and column. Summary.Encoding reports the result.
//
// XLSX: the sheet named by Options.Sheet, or the first sheet; a missing sheet is an error that
// lists the sheets. The upload is spooled to a temporary file and read with excelize's streaming
// row iterator (its shared-string table and styles are held in memory). Before excelize opens
// it, every part of the ZIP is decompressed once through a byte-level XML scanner that counts
// what it reads, trusting no size a header declares, and checks Options.Limits (see Limits and
// DefaultLimits): the decompressed size of each part and of the whole, the number of parts,
// rows, the width of a row, cells, shared strings, the characters of any one string, attribute,
// comment or processing instruction, the bytes of a tag and the nesting depth of elements. A part in UTF-16 or with a document type declaration is
// refused (Office writes UTF-8; OPC forbids DTDs). A workbook over a limit is a problem of the
// whole file whose message names the limit (a *LimitError's text), so a ZIP or XML bomb is
// refused with memory flat. A legacy .xls workbook (or a password-protected one: both are OLE2
// files) is rejected with a request to save it as .xlsx.
//
// JSON: an array of observation objects, or {"observations": [...]}, read token by token. Keys are
// the column names above (or their aliases), or the shape engine.Observation marshals to: a
// nested "source" object {document, table, location, quote}, "label" for a qualitative value, and
// "row", which is ignored. A value may be a number, a string (read by the same rules) or null
// (missing). The file must be UTF-8.
//
// The format comes from Options.Format, else the file name's extension, else the first bytes
// (PK\x03\x04 is XLSX, '[' or '{' is JSON, anything else CSV); a file whose bytes contradict its
// declared or named format is rejected. Summary.SHA256 is the SHA-256 of the exact input bytes,
// computed while reading, over the whole input even when the reading stops early.
//
// The writers (NewObservationWriter, WriteObservationsCSV) produce files that ReadObservations
// reads back to the same observations.
//
// # Frameworks
//
// ReadFramework and WriteFramework carry an engine.Framework's definition (title, plan
// period, dimensions, groups, indicators) as JSON (the engine.Framework shape) or as a table
// (CSV, TSV, XLSX) with one row per group or indicator, parents before children:
//
//	kind            group or indicator; "dimension" renames one of the four dimensions (its
//	                code, name and name_en); "framework" carries the title in name (one row)
//	parent          a dimension code (economy, efficiency, effectiveness, equity) or a group code
//	code, name, name_en
//	unit, value_kind, currency_scale, polarity, target_kind
//	key             true or false (是/否, yes/no, 1/0); blank is false
//	category
//	baseline_year, baseline_value   both or neither
//	target_YYYY     one column per year of the plan period, see below
//	final_target, target_text, range_low, range_high
//	rubric          完成=100;基本完成=60;未完成=0 (；and ＝ also accepted), or a JSON array
//	                [{"label": "完成", "score": 100}] when a label holds ; or =
//	source, responsible, notes
//	caliber_notes   a JSON array [{"year": 2015, "original": 74.03, "restated": 63.8, "reason": "营改增"}]
//	caliber         the caliber (口径) the baseline and targets are on ("新口径(营改增后)"); an
//	                observation states its own in its note ("口径: 新口径")
//
// The four dimensions are implicit, named as in engine.DimensionNames unless a dimension row
// renames them. The plan period runs from the first to the last target_YYYY column, unless
// Options.PlanStart and PlanEnd give it. An annual target cell is:
//
//	(blank)                   no target for that year
//	535                       a level in the indicator's unit
//	+8%   -3%                 a year-on-year growth in percent (the sign is required: 8% alone is
//	                          ambiguous and an error)
//	growth:8   level:535      the basis stated explicitly
//	完成市下达指标   50以下     any other text: the target's wording (basis level, no value)
//	+5% | 同比增长5%左右       a value and the plan's wording, split at the first " | "
//	growth: | 同比增长5%左右   a wording with its basis and no value
//
// WriteFramework always chooses the shortest of these forms that reads back to the same target.
// Numbers follow the number rules above (full-width digits and thousands separators accepted).
// Codes and enumerations are trimmed, width-folded and lower-cased (enumerations only); free text
// is trimmed. The result is checked with Framework.Validate, and each problem it reports is mapped
// back to the row and column it came from (its Field path is kept as well).
//
// Export then import gives an identical framework (reflect.DeepEqual after Normalize) in every
// format, for valid frameworks in canonical form: text trimmed and free of carriage returns and
// (for XLSX) of other control characters than tab and line feed, and empty lists nil. Storage
// fields (id, version, digest, times) are not part of a file.
package ingest
