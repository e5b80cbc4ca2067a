package messages

// Message ids. An id is stable: it is stored in results and audit records, so it is never
// renamed or reused; a message whose meaning changes gets a new id. Keep each id in zh.json and
// en.json (TestCatalogue fails otherwise) and its current call site in INVENTORY.md.

// 4E dimensions (维度).
const (
	DimensionEconomy       ID = "dimension.economy"       // 经济
	DimensionEfficiency    ID = "dimension.efficiency"    // 效率
	DimensionEffectiveness ID = "dimension.effectiveness" // 效益
	DimensionEquity        ID = "dimension.equity"        // 公正
)

// Grades (等次).
const (
	GradeExcellent ID = "grade.excellent" // 优秀
	GradeGood      ID = "grade.good"      // 良好
	GradePass      ID = "grade.pass"      // 合格
	GradeFail      ID = "grade.fail"      // 不合格
)

// Rater groups (评价主体) and their status in a survey result.
const (
	RaterGroupSuperior           ID = "rater_group.superior"             // 上级
	RaterGroupPeer               ID = "rater_group.peer"                 // 同级
	RaterGroupSubordinate        ID = "rater_group.subordinate"          // 下级
	RaterGroupSelf               ID = "rater_group.self"                 // 自评
	RaterGroupPublic             ID = "rater_group.public"               // 公众
	RaterGroupExpert             ID = "rater_group.expert"               // 专家
	RaterGroupStatusCounted      ID = "rater_group.status.counted"       // 计入
	RaterGroupStatusSuppressed   ID = "rater_group.status.suppressed"    // 人数不足，不予计入
	RaterGroupStatusNoResponses  ID = "rater_group.status.no_responses"  // 无人评价
	RaterGroupStatusZeroWeight   ID = "rater_group.status.zero_weight"   // 权重为零（仅作报告）
	RaterGroupStatusSelfExcluded ID = "rater_group.status.self_excluded" // 自评不计入得分
)

// Survey kinds and evaluation contents.
const (
	SurveyKindSocial             ID = "survey.kind.social"              // 社会评价
	SurveyKindLeadership         ID = "survey.kind.leadership"          // 领导考评
	SurveyKind360                ID = "survey.kind.360"                 // 360度评价
	SurveyContentDuty            ID = "survey.content.duty"             // 履职
	SurveyContentEfficiency      ID = "survey.content.efficiency"       // 效率
	SurveyContentWorkStyle       ID = "survey.content.work_style"       // 作风
	SurveyContentServiceAttitude ID = "survey.content.service_attitude" // 服务态度
	SurveyContentIntegrity       ID = "survey.content.integrity"        // 廉洁
	SurveyContentOpenness        ID = "survey.content.openness"         // 公开
)

// Run statuses.
const (
	RunStatusQueued    ID = "run.status.queued"    // 排队中
	RunStatusRunning   ID = "run.status.running"   // 运行中
	RunStatusSucceeded ID = "run.status.succeeded" // 已完成
	RunStatusFailed    ID = "run.status.failed"    // 运行失败
	RunStatusCancelled ID = "run.status.cancelled" // 已取消
)

// Commission statuses.
const (
	CommissionStatusDraft      ID = "commission.status.draft"      // 草拟中
	CommissionStatusCollecting ID = "commission.status.collecting" // 数据采集中
	CommissionStatusWeighting  ID = "commission.status.weighting"  // 权重确定中
	CommissionStatusComputing  ID = "commission.status.computing"  // 计算中
	CommissionStatusReview     ID = "commission.status.review"     // 审核中
	CommissionStatusPublished  ID = "commission.status.published"  // 已发布
	CommissionStatusAccepted   ID = "commission.status.accepted"   // 已验收
)

// Monitoring statuses and warnings.
const (
	MonitoringStatusOnTrack         ID = "monitoring.status.on_track"          // 进度正常
	MonitoringStatusAtRisk          ID = "monitoring.status.at_risk"           // 存在风险
	MonitoringStatusOffTrack        ID = "monitoring.status.off_track"         // 进度滞后
	MonitoringStatusAchieved        ID = "monitoring.status.achieved"          // 已达成
	MonitoringStatusNoData          ID = "monitoring.status.no_data"           // 暂无数据
	MonitoringWarningOffTrackLatest ID = "monitoring.warning.off_track_latest" // 最近一个有数据的年度进度滞后
	MonitoringWarningAtRiskLatest   ID = "monitoring.warning.at_risk_latest"   // 最近一个有数据的年度存在风险
	MonitoringWarningProjectedShort ID = "monitoring.warning.projected_short"  // 按现有趋势预计，至{year}年仅能完成期末目标的{percent}%
)

// Target bases (monitoring and scoring).
const (
	BasisProRataCumulative  ID = "basis.pro_rata_cumulative"  // 累计目标按年度平均分解
	BasisAnnualTarget       ID = "basis.annual_target"        // {year}年年度目标
	BasisAnnualGrowthTarget ID = "basis.annual_growth_target" // {year}年年度增长目标
	BasisAnnualGrowthOn     ID = "basis.annual_growth_on"     // {year}年年度目标：在{basis}基础上增长{rate}%
	BasisActualOfYear       ID = "basis.actual_of_year"       // {year}年实际值
	BasisBaselineOfYear     ID = "basis.baseline_of_year"     // {year}年基期值
	BasisPlanAverageGrowth  ID = "basis.plan_average_growth"  // 规划年均增长目标
	BasisNoGrowthTarget     ID = "basis.no_growth_target"     // 本期无增长目标
	BasisNoTarget           ID = "basis.no_target"            // {year}年无年度目标，且缺少用于插值的基期值和期末目标
	BasisPlanTrajectory     ID = "basis.plan_trajectory"      // {year}年规划路径值（{path}）
	BasisTrajectory         ID = "basis.trajectory"           // 规划路径（{path}）
	BasisPathLinear         ID = "basis.path.linear"          // 线性
	BasisPathCompound       ID = "basis.path.compound"        // 复合增长
	BasisAnnualBound        ID = "basis.annual_bound"         // {year}年年度限值
	BasisFinalBound         ID = "basis.final_bound"          // 期末限值
	BasisFinalTarget        ID = "basis.final_target"         // 期末目标
	BasisSumAnnualTargets   ID = "basis.sum_annual_targets"   // {start}—{end}年年度目标之和
	BasisProRataShare       ID = "basis.pro_rata_share"       // 累计目标{target}按时序进度折算（{elapsed}/{total}）
)

// Scoring notes and imputation.
const (
	ScoringNoteRubricLabelMissing      ID = "scoring.note.rubric_label_missing"      // 定性指标按评分标准等级计分，该值未给出等级
	ScoringNoteTrajectoryNeedsBaseline ID = "scoring.note.trajectory_needs_baseline" // 规划路径须有基期值和期末目标
	ScoringNoteBoundNeedsTarget        ID = "scoring.note.bound_needs_target"        // 限值须有年度目标或期末目标
	ScoringNoteBoundNotPositive        ID = "scoring.note.bound_not_positive"        // 限值须为正数
	ScoringNoteTargetNotPositive       ID = "scoring.note.target_not_positive"       // 目标值{target}不为正数，无法计算实现程度
	ScoringNoteNegativeLowerIsBetter   ID = "scoring.note.negative_lower_is_better"  // 逆向指标（越低越好）出现负值，无法计分
	ScoringNoteCumulativeYearMissing   ID = "scoring.note.cumulative_year_missing"   // 累计实际值须有自{start}年起的逐年数据，缺少{year}年
	ScoringNoteCumulativeNeedsTarget   ID = "scoring.note.cumulative_needs_target"   // 累计目标须有年度目标或期末目标
	ScoringNoteCumulativeActual        ID = "scoring.note.cumulative_actual"         // {start}—{end}年累计：{actual}
	ScoringNoteDistanceNeedsFinal      ID = "scoring.note.distance_needs_final"      // 目标距离法须有期末目标
	ScoringImputedZero                 ID = "scoring.imputed.zero"                   // 零分
	ScoringImputedMean                 ID = "scoring.imputed.mean"                   // 各单位平均分
)

// Engine warnings (id = warning.<Warning.Code>).
const (
	WarningSourcesDisagree    ID = "warning.sources_disagree"     // 评价期{period}：数据集{dataset}为{value}，数据集{other_dataset}为{other_value}；本次运行采用优先级靠前的数据集{dataset}
	WarningMissingExcluded    ID = "warning.missing_excluded"     // 评价期{period}无得分：该指标不参与计算，同级指标权重重新归一化
	WarningMissingExcludedAll ID = "warning.missing_excluded_all" // 所有被考评单位均无得分可供平均：该指标不参与计算
	WarningMissingImputed     ID = "warning.missing_imputed"      // 评价期{period}无得分：按{imputed}计
	WarningComponentMissing   ID = "warning.component_missing"    // 组成部分{component}无得分：其余组成部分权重重新归一化
	WarningNoScore            ID = "warning.no_score"             // 该单位各组成部分均无得分
	WarningBottomTwoTwice     ID = "warning.bottom_two_twice"     // 评价期{period}及上一评价期{previous}均排名后两位（规划第3482行）
	WarningLiftedByBonus      ID = "warning.lifted_by_bonus"      // 加分使该单位由{from}升至{to}，不挤占{to}等次名额（规划第3492行）
	WarningConstraintUnit     ID = "warning.constraint_unit"      // 经剔除和重新归一化后，{source}在该单位综合得分中的占比为{share}（名义占比{nominal}，要求不低于{min}）
	WarningGroupSuppressed    ID = "warning.group_suppressed"     // 问卷{survey}：评价主体“{group}”人数低于最低要求，不予计入，其余评价主体权重重新归一化
	WarningScoringFailed      ID = "warning.scoring_failed"       // {method}计分失败：{error}
)

// AHP: exclusion reasons, expert status, suggestions.
const (
	AHPExcludedCR       ID = "ahp.excluded_cr"        // 一致性比率CR为{cr}，超过阈值{threshold}，不计入群组结果
	AHPExcludedGCI      ID = "ahp.excluded_gci"       // 几何一致性指数GCI为{gci}，超过阈值{threshold}，不计入群组结果
	AHPGateBlocks       ID = "ahp.gate_blocks"        // 节点{node}：专家{expert}的判断矩阵未通过一致性检验（CR {cr} > {threshold}），按设定暂停计算群组结果
	AHPNodeNoConsistent ID = "ahp.node_no_consistent" // 节点{node}尚无通过一致性检验的专家判断矩阵
	AHPNodeNoDirect     ID = "ahp.node_no_direct"     // 节点{node}未给出直接权重
	AHPProductUndefined ID = "ahp.product_undefined"  // 乘法组合赋权无法计算：{error}
	AHPExpertConsistent ID = "ahp.expert_consistent"  // 通过一致性检验（CR {cr}），计入群组结果
	AHPExpertRevise     ID = "ahp.expert_revise"      // {reason}；请参照修改建议调整后再计入
	AHPExpertBlocked    ID = "ahp.expert_blocked"     // 未通过一致性检验（CR {cr}）：判断矩阵修改前暂停计算群组结果（见修改建议）
	AHPSuggestion       ID = "ahp.suggestion"         // 建议将“{row}相对于{column}”的判断值由{current}调整为{suggested}，调整后CR降至{cr}
	AHPSingleChild      ID = "ahp.single_child"       // 仅有一个下级节点
)

// Weight sets: data-driven weights, adjustments, rank comparison.
const (
	WeightsDataTooFewUnits       ID = "weights.data_too_few_units"      // {method}赋权须有至少两个被考评单位的数据（dataset_id）
	WeightsDataMissingValues     ID = "weights.data_missing_values"     // {method}赋权须每个指标、每个单位均有数值；缺少：{missing}
	WeightsAdjustmentNeedsReason ID = "weights.adjustment_needs_reason" // 调整权重须填写书面理由
	WeightsRankingIncomplete     ID = "weights.ranking_incomplete"      // 两套权重均须得出完整权重，方可对各单位排序
	WeightsRankingNoData         ID = "weights.ranking_no_data"         // 该评估项目尚无数据
	WeightsRankingFailed         ID = "weights.ranking_failed"          // 无法计算各单位得分：{error}
)

// API problem titles (api/problem.go).
const (
	ProblemTitleUnauthenticated      ID = "problem.title.unauthenticated"        // 需要登录认证
	ProblemTitleNotFound             ID = "problem.title.not_found"              // 未找到
	ProblemTitleForbidden            ID = "problem.title.forbidden"              // 无权执行此操作
	ProblemTitleStaleVersion         ID = "problem.title.stale_version"          // 资源在您提交的版本之后已被修改
	ProblemTitleVersionRequired      ID = "problem.title.version_required"       // 请求须携带If-Match版本标识
	ProblemTitleConflict             ID = "problem.title.conflict"               // 与当前状态冲突
	ProblemTitleValidation           ID = "problem.title.validation"             // 请求内容不符合要求
	ProblemTitleInternal             ID = "problem.title.internal"               // 服务器内部错误
	ProblemDetailInternal            ID = "problem.detail.internal"              // 服务器未能处理该请求；反馈问题时请提供请求编号
	ProblemTitleBadRequest           ID = "problem.title.bad_request"            // 请求格式错误
	ProblemTitleMethodNotAllowed     ID = "problem.title.method_not_allowed"     // 不支持该请求方法
	ProblemTitleTooLarge             ID = "problem.title.too_large"              // 请求内容过大
	ProblemTitleUnsupportedMediaType ID = "problem.title.unsupported_media_type" // 不支持的内容类型
	ProblemTitleRateLimited          ID = "problem.title.rate_limited"           // 请求过于频繁，请稍后再试
	ProblemTitleUnavailable          ID = "problem.title.unavailable"            // 服务暂时不可用
	ProblemTitleHTTP                 ID = "problem.title.http"                   // HTTP错误{status}
)

// Import errors (evaluation/ingest).
const (
	IngestBOMConflict                    ID = "ingest.bom_conflict"                      // 文件以UTF-8字节顺序标记（BOM）开头，但声明的编码为{encoding}
	IngestEncodingUnknown                ID = "ingest.encoding_unknown"                  // 无法识别的编码{encoding}：请使用utf-8、gbk或gb18030
	IngestJSONNotUTF8                    ID = "ingest.json_not_utf8"                     // 文件第{offset}字节处不是有效的UTF-8编码（JSON文件须采用UTF-8编码）
	IngestDeclaredFormatIsXLSX           ID = "ingest.declared_format_is_xlsx"           // 文件声明为{format}格式，实际为XLSX工作簿（ZIP压缩包）
	IngestNamedFormatIsXLSX              ID = "ingest.named_format_is_xlsx"              // 文件扩展名为{format}，实际为XLSX工作簿（ZIP压缩包）
	IngestDeclaredXLSXNotZip             ID = "ingest.declared_xlsx_not_zip"             // 文件声明为xlsx格式，但不是XLSX工作簿（文件开头缺少ZIP标识PK）
	IngestNamedXLSXNotZip                ID = "ingest.named_xlsx_not_zip"                // 文件扩展名为xlsx，但不是XLSX工作簿（文件开头缺少ZIP标识PK）
	IngestFormatUnknown                  ID = "ingest.format_unknown"                    // 无法识别的文件格式{format}：请使用csv、tsv、xlsx或json
	IngestLegacyWorkbook                 ID = "ingest.legacy_workbook"                   // 该文件为Excel 97–2003旧版工作簿（.xls）或设有密码的工作簿，无法读取：请在Excel或WPS中打开，另存为不设密码的Excel工作簿（.xlsx）
	IngestNoHeader                       ID = "ingest.no_header"                         // 文件缺少表头行（文件为空或全部空白）
	IngestInvalidBytes                   ID = "ingest.invalid_bytes"                     // 含有不符合{encoding}编码的字节（显示为�）
	IngestInvalidUTF8                    ID = "ingest.invalid_utf8"                      // 不是有效的UTF-8编码（如文件为GBK编码，请将编码声明为gb18030）
	IngestBareQuote                      ID = "ingest.bare_quote"                        // 未加引号的字段中出现引号"：请为整个字段加引号，并将字段内的引号写成两个（"a ""b"" c"）
	IngestXLSXUnreadable                 ID = "ingest.xlsx_unreadable"                   // 文件不是可读取的XLSX工作簿：{error}
	IngestXLSXPanic                      ID = "ingest.xlsx_panic"                        // 工作簿无法读取（{error}）
	IngestXLSXNoWorksheet                ID = "ingest.xlsx_no_worksheet"                 // 工作簿中没有工作表
	IngestXLSXSheetMissing               ID = "ingest.xlsx_sheet_missing"                // 工作簿中没有工作表{sheet}；现有工作表：{sheets}
	IngestXLSXSheetUnreadable            ID = "ingest.xlsx_sheet_unreadable"             // 工作表{sheet}无法读取：{error}
	IngestXLSXSheetUnreadableAfter       ID = "ingest.xlsx_sheet_unreadable_after"       // 工作表{sheet}第{row}行之后的内容无法读取：{error}
	IngestRowUnreadable                  ID = "ingest.row_unreadable"                    // 该行无法读取：{error}
	IngestRowProblem                     ID = "ingest.row_problem"                       // 第{row}行：{reason}
	IngestCellProblem                    ID = "ingest.cell_problem"                      // 第{row}行第{column}列：{reason}
	IngestUnknownColumn                  ID = "ingest.unknown_column"                    // 无法识别的列；可用的列为：{columns}
	IngestDuplicateColumn                ID = "ingest.duplicate_column"                  // {column}列重复（首次出现于{first}）
	IngestMissingColumns                 ID = "ingest.missing_columns"                   // 缺少必需的列：{missing}；表头行须列明：{columns}
	IngestFieldCount                     ID = "ingest.field_count"                       // 该行有{fields}个字段，与表头的{width}个不一致
	IngestValueWithoutHeader             ID = "ingest.value_without_header"              // 该列没有表头，却填有内容
	IngestCaseHint                       ID = "ingest.case_hint"                         // （代码区分大小写，是否应为{code}？）
	IngestIndicatorRequired              ID = "ingest.indicator_required"                // 指标代码为必填项
	IngestIndicatorUnknown               ID = "ingest.indicator_unknown"                 // 未知指标：指标体系中没有该指标
	IngestUnitRequired                   ID = "ingest.unit_required"                     // 被考评单位代码为必填项
	IngestUnitUnknown                    ID = "ingest.unit_unknown"                      // 未知被考评单位：不在本评估项目的被考评单位之列
	IngestPeriodRequired                 ID = "ingest.period_required"                   // 期间为必填项（如2016、2016-H1、2016-Q3或2017-09）
	IngestPeriodShownAs                  ID = "ingest.period_shown_as"                   // （单元格显示为{shown}：Excel已将期间转换为日期或数字，请以文本格式输入，如2017-09）
	IngestCellBooleanValue               ID = "ingest.cell_boolean_value"                // 逻辑值单元格（显示为{shown}）不是数值，请输入数字
	IngestCellPercentValue               ID = "ingest.cell_percent_value"                // 单元格为百分比格式（显示为{shown}，存储值为{raw}）；仅百分比指标可使用“%”，该指标的单位为{unit}
	IngestCellDateValue                  ID = "ingest.cell_date_value"                   // 单元格为日期或时间格式（显示为{shown}，存储值为{raw}）；数值单元格应填写数字
	IngestNoIndicatorForValue            ID = "ingest.no_indicator_for_value"            // 缺少用于识别该数值的指标
	IngestRubricMissing                  ID = "ingest.rubric_missing"                    // 该定性指标未设评分标准，无法识别等级，且该值不是数字
	IngestRubricLabelUnknown             ID = "ingest.rubric_label_unknown"              // 既不是数字，也不是该定性指标评分标准中的等级；可用等级：{labels}
	IngestBracketsNotCumulative          ID = "ingest.brackets_not_cumulative"           // 方括号[ ]表示规划期累计值；该指标的目标类型为{kind}，不是累计目标
	IngestPercentNotAllowed              ID = "ingest.percent_not_allowed"               // 仅百分比指标可使用“%”；该指标的单位为{unit}
	IngestApproximation                  ID = "ingest.approximation"                     // “{word}”表示限值或约数，不是实际观测值，请填写数值本身
	IngestNotANumber                     ID = "ingest.not_a_number"                      // 数值无法识别
	IngestNotANumberOrUnit               ID = "ingest.not_a_number_or_unit"              // 数值无法识别（或{suffix}不是该指标的单位{unit}）
	IngestTextAfterPercent               ID = "ingest.text_after_percent"                // “%”之后有多余文字：{text}
	IngestUnitMismatch                   ID = "ingest.unit_mismatch"                     // 单位{suffix}与该指标的单位{unit}不一致；系统不做单位换算，请以{unit}为单位填写
	IngestBracketUnclosed                ID = "ingest.bracket_unclosed"                  // 左方括号[缺少对应的右方括号]
	IngestBracketUnopened                ID = "ingest.bracket_unopened"                  // 右方括号]缺少对应的左方括号[
	IngestThousandsSeparators            ID = "ingest.thousands_separators"              // 千位分隔符有误：除第一组外，每组须为三位数字（如1,234,567.5）
	IngestOutOfRange                     ID = "ingest.out_of_range"                      // 超出有限数值范围
	IngestNotFinite                      ID = "ingest.not_finite"                        // 不是有限数值
	IngestTooSmall                       ID = "ingest.too_small"                         // 数值过小，无法表示（将被视为0）
	IngestNumberRequired                 ID = "ingest.number_required"                   // 须填写数字
	IngestExcelError                     ID = "ingest.excel_error"                       // Excel错误{error}：该单元格为计算出错的公式，不是数值
	IngestJSONSyntax                     ID = "ingest.json_syntax"                       // JSON语法错误（第{offset}字节）：{error}
	IngestJSONTruncated                  ID = "ingest.json_truncated"                    // JSON文件不完整（提前结束）
	IngestJSONUnreadable                 ID = "ingest.json_unreadable"                   // JSON文件无法读取：{error}
	IngestJSONTrailing                   ID = "ingest.json_trailing"                     // JSON内容结束后仍有多余数据
	IngestJSONNotArray                   ID = "ingest.json_not_array"                    // 须为由{element}对象组成的数组
	IngestJSONNoArray                    ID = "ingest.json_no_array"                     // 对象中缺少{key}数组
	IngestJSONKeyTwice                   ID = "ingest.json_key_twice"                    // 该键重复出现
	IngestJSONBoolean                    ID = "ingest.json_boolean"                      // true/false不是有效值，请填写数字或文字
	IngestJSONExpectedString             ID = "ingest.json_expected_string"              // 此处应为字符串
	IngestJSONExpectedScalar             ID = "ingest.json_expected_scalar"              // 此处应为字符串或数字，不能是对象或数组
	IngestJSONType                       ID = "ingest.json_type"                         // 此处应为{type}，实际为JSON {found}
	IngestJSONUnknownKey                 ID = "ingest.json_unknown_key"                  // 无法识别的键；可用的键为：{keys}
	IngestValueAndLabel                  ID = "ingest.value_and_label"                   // "value"与"label"只能填写其一
	IngestSourceNotObject                ID = "ingest.source_not_object"                 // "source"须为对象{"document", "table", "location", "quote"}
	IngestSourceUnknownKey               ID = "ingest.source_unknown_key"                // 无法识别的键；"source"只包含document、table、location和quote
	IngestRaterGroupRequired             ID = "ingest.rater_group_required"              // 评价主体为必填项
	IngestRaterGroupUnknown              ID = "ingest.rater_group_unknown"               // 未知评价主体：本问卷的评价主体为{groups}（可填写代码或名称）
	IngestRaterKeyRequired               ID = "ingest.rater_key_required"                // 评价人标识为必填项（可填写任何能区分评价人的文字）
	IngestRaterKeyTooLong                ID = "ingest.rater_key_too_long"                // 评价人标识超过{max}个字符
	IngestItemRequired                   ID = "ingest.item_required"                     // 题目代码为必填项
	IngestItemUnknown                    ID = "ingest.item_unknown"                      // 未知题目：不是本问卷的题目
	IngestCommentTooLong                 ID = "ingest.comment_too_long"                  // 意见超过{max}个字符
	IngestScoreRange                     ID = "ingest.score_range"                       // {min}至{max}之间的数字
	IngestScoreLabels                    ID = "ingest.score_labels"                      // 量表选项{labels}之一（或其分值）
	IngestScoreRequired                  ID = "ingest.score_required"                    // 分值为必填项，应为{allowed}；未作答的题目请删除该行
	IngestCellBooleanScore               ID = "ingest.cell_boolean_score"                // 逻辑值单元格（显示为{shown}）不是分值，请输入数字
	IngestCellPercentScore               ID = "ingest.cell_percent_score"                // 单元格为百分比格式（显示为{shown}，存储值为{raw}）；请按问卷量表填写分值
	IngestCellDateScore                  ID = "ingest.cell_date_score"                   // 单元格为日期或时间格式（显示为{shown}，存储值为{raw}）；分值单元格应填写数字
	IngestFrameworkNullNode              ID = "ingest.framework.null_node"               // 节点不能为null
	IngestFrameworkSecondYearColumn      ID = "ingest.framework.second_year_column"      // {year}年的列重复（首次出现于{first}）
	IngestFrameworkMissingColumn         ID = "ingest.framework.missing_column"          // 缺少必需的列{column}
	IngestFrameworkRowFills              ID = "ingest.framework.row_fills"               // {kind}行不应填写{column}
	IngestFrameworkSecondFrameworkRow    ID = "ingest.framework.second_framework_row"    // framework行重复；只能有一行framework行填写标题
	IngestFrameworkKindRequired          ID = "ingest.framework.kind_required"           // kind为必填项：group或indicator（或dimension、framework）
	IngestFrameworkKindInvalid           ID = "ingest.framework.kind_invalid"            // kind须为group或indicator（重命名维度用dimension，标题行用framework）
	IngestFrameworkKeyBoolean            ID = "ingest.framework.key_boolean"             // key须为true或false（是/否），留空视为false
	IngestFrameworkBaselineNeedsYear     ID = "ingest.framework.baseline_needs_year"     // 填写基期值须同时填写基期年份
	IngestFrameworkBaselineNeedsValue    ID = "ingest.framework.baseline_needs_value"    // 填写基期年份须同时填写基期值
	IngestFrameworkNotAYear              ID = "ingest.framework.not_a_year"              // 不是有效年份
	IngestFrameworkCaliberNotesShape     ID = "ingest.framework.caliber_notes_shape"     // caliber_notes须为JSON数组，元素形如{"year", "original", "restated", "reason"}
	IngestFrameworkDimensionRename       ID = "ingest.framework.dimension_rename"        // dimension行用于重命名四个维度之一：economy、efficiency、effectiveness、equity
	IngestFrameworkDimensionRenamedTwice ID = "ingest.framework.dimension_renamed_twice" // 该维度已在第{row}行重命名
	IngestFrameworkCodeRequired          ID = "ingest.framework.code_required"           // code为必填项
	IngestFrameworkCodeIsDimension       ID = "ingest.framework.code_is_dimension"       // 维度代码不能用作分组或指标代码
	IngestFrameworkCodeDuplicate         ID = "ingest.framework.code_duplicate"          // 代码{code}已在第{row}行使用
	IngestFrameworkParentRequired        ID = "ingest.framework.parent_required"         // parent为必填项：填写维度（economy、efficiency、effectiveness、equity）或分组代码
	IngestFrameworkParentUnknown         ID = "ingest.framework.parent_unknown"          // 未知上级：既不是维度（economy、efficiency、effectiveness、equity），也不是文件中的分组代码
	IngestFrameworkParentIsIndicator     ID = "ingest.framework.parent_is_indicator"     // 上级为第{row}行的指标；指标不能有下级
	IngestFrameworkParentCycle           ID = "ingest.framework.parent_cycle"            // 上级关系无法追溯到维度（形成循环）
	IngestFrameworkTargetNeedsValue      ID = "ingest.framework.target_needs_value"      // {target}在“ | ”之后须填写数字或文字表述
	IngestFrameworkTargetAfter           ID = "ingest.framework.target_after"            // {target}之后：{reason}
	IngestFrameworkTargetAmbiguous       ID = "ingest.framework.target_ambiguous"        // 表述不明确：水平值直接填写数字（{number}），增长率须带正负号（+{number}%）或写作growth:{number}
	IngestFrameworkRubricNotArray        ID = "ingest.framework.rubric_not_array"        // 评分标准不是由{"label", "score"}组成的JSON数组：{error}
	IngestFrameworkRubricTrailing        ID = "ingest.framework.rubric_trailing"         // 评分标准的JSON数组之后有多余文字
	IngestFrameworkRubricNoScore         ID = "ingest.framework.rubric_no_score"         // 评分等级{level}未给出分值：请写作“等级=分值”，如 完成=100;未完成=0
	IngestFrameworkRubricScore           ID = "ingest.framework.rubric_score"            // 评分等级{level}：分值{reason}
)

// Web pages (web/): the layout, the public report list, verification, sign-in and the API
// reference.
const (
	WebSiteName                 ID = "web.site_name"                   // evalbench 第三方绩效评估
	WebSkipToContent            ID = "web.skip_to_content"             // 跳到正文
	WebNavLabel                 ID = "web.nav.label"                   // 主导航
	WebNavReports               ID = "web.nav.reports"                 // 已发布报告
	WebNavVerify                ID = "web.nav.verify"                  // 验证报告
	WebNavAPIDocs               ID = "web.nav.api_docs"                // 接口文档
	WebNavSignin                ID = "web.nav.signin"                  // 登录
	WebLangLabel                ID = "web.lang.label"                  // 语言
	WebLangZh                   ID = "web.lang.zh"                     // 中文
	WebLangEn                   ID = "web.lang.en"                     // English（英文）
	WebFooter                   ID = "web.footer"                      // evalbench {version} · 报告经评估机构以Ed25519签名，可离线验证
	WebSynthetic                ID = "web.synthetic"                   // 合成数据
	WebHomeTitle                ID = "web.home.title"                  // 已发布的评估报告
	WebHomeIntro                ID = "web.home.intro"                  // 第三方评估机构发布的绩效评估报告。每份报告都经评估机构签名，下载后可离线验证。
	WebHomeEmpty                ID = "web.home.empty"                  // 尚无已发布的报告。
	WebHomeCount                ID = "web.home.count"                  // 已发布报告{count}份
	WebHomeColTitle             ID = "web.home.col.title"              // 报告
	WebHomeColClient            ID = "web.home.col.client"             // 委托方
	WebHomeColPeriod            ID = "web.home.col.period"             // 评估期
	WebHomeColInstitute         ID = "web.home.col.institute"          // 评估机构
	WebHomeColPublished         ID = "web.home.col.published"          // 发布日期
	WebHomeColDigest            ID = "web.home.col.digest"             // 摘要值（SHA-256）
	WebHomeColFiles             ID = "web.home.col.files"              // 文件
	WebHomeVersion              ID = "web.home.version"                // 第{version}版
	WebHomePeriod               ID = "web.home.period"                 // {start}—{end}年，评估{evaluated}
	WebHomeHTML                 ID = "web.home.html"                   // 网页版
	WebHomePDF                  ID = "web.home.pdf"                    // PDF版
	WebHomeEnvelope             ID = "web.home.envelope"               // 签名文件
	WebHomeVerify               ID = "web.home.verify"                 // 验证
	WebVerifyTitle              ID = "web.verify.title"                // 验证签名报告
	WebVerifyIntro              ID = "web.verify.intro"                // 上传报告的签名文件（report.dsse.json），也可同时上传report.json和公钥。检查项与evalbench verify命令相同。
	WebVerifyFromList           ID = "web.verify.from_list"            // 要验证的报告：{title}。先下载其签名文件，再在下方上传。
	WebVerifyEnvelope           ID = "web.verify.envelope"             // 签名文件（report.dsse.json，必填）
	WebVerifyReport             ID = "web.verify.report"               // 报告数据（report.json，可选）
	WebVerifyKey                ID = "web.verify.key"                  // 公钥（可选，base64编码）
	WebVerifyKeyHint            ID = "web.verify.key_hint"             // 不填写时，使用评估机构公布的公钥；服务器不认识该公钥时，使用报告内嵌的公钥（只能证明完整性，不能证明签名者）。
	WebVerifySubmit             ID = "web.verify.submit"               // 验证
	WebVerifyMissing            ID = "web.verify.missing"              // 请选择签名文件（report.dsse.json）。
	WebVerifyTooLarge           ID = "web.verify.too_large"            // 上传的文件超过{limit}的上限。
	WebVerifyBadKey             ID = "web.verify.bad_key"              // 公钥无法解析：{error}
	WebVerifyResult             ID = "web.verify.result"               // 验证结果
	WebVerifyPass               ID = "web.verify.pass"                 // 验证通过：签名有效，数据完整，结果可复算。
	WebVerifyFail               ID = "web.verify.fail"                 // 验证未通过：见下表中未通过的检查项。
	WebVerifyColCheck           ID = "web.verify.col.check"            // 检查项
	WebVerifyColStatus          ID = "web.verify.col.status"           // 结果
	WebVerifyColDetail          ID = "web.verify.col.detail"           // 说明（验证程序原文）
	WebVerifyReportID           ID = "web.verify.report_id"            // 报告{id}，第{version}版
	WebVerifyDigest             ID = "web.verify.digest"               // 摘要值（SHA-256）：{digest}
	WebVerifyKeyUsed            ID = "web.verify.key_used"             // 签名公钥指纹：{key}（{source}）
	WebVerifyKeySourceGiven     ID = "web.verify.key_source.given"     // 上传的公钥
	WebVerifyKeySourceInstitute ID = "web.verify.key_source.institute" // 评估机构公布的公钥
	WebVerifyKeySourceEmbedded  ID = "web.verify.key_source.embedded"  // 报告内嵌的公钥，只证明完整性，请核对指纹
	WebVerifyStatusPass         ID = "web.verify.status.pass"          // 通过
	WebVerifyStatusFail         ID = "web.verify.status.fail"          // 未通过
	WebVerifyStatusSkipped      ID = "web.verify.status.skipped"       // 未检查
	WebVerifyCheckEnvelope      ID = "web.verify.check.envelope"       // 签名文件格式
	WebVerifyCheckPayloadType   ID = "web.verify.check.payload_type"   // 内容类型
	WebVerifyCheckReportFile    ID = "web.verify.check.report_file"    // report.json与签名内容一致
	WebVerifyCheckCanonical     ID = "web.verify.check.canonical"      // 规范JSON（RFC 8785）
	WebVerifyCheckSignature     ID = "web.verify.check.signature"      // Ed25519签名
	WebVerifyCheckManifest      ID = "web.verify.check.manifest"       // 清单与输入一致
	WebVerifyCheckInputsDigest  ID = "web.verify.check.inputs_digest"  // 输入数据摘要值
	WebVerifyCheckPrivacy       ID = "web.verify.check.privacy"        // 匿名保护（低于阈值的问卷不公开）
	WebVerifyCheckResultsDigest ID = "web.verify.check.results_digest" // 结果摘要值
	WebVerifyCheckRecompute     ID = "web.verify.check.recompute"      // 由输入复算结果
	WebSigninTitle              ID = "web.signin.title"                // 登录
	WebSigninUser               ID = "web.signin.user"                 // 用户名
	WebSigninPassword           ID = "web.signin.password"             // 密码
	WebSigninSubmit             ID = "web.signin.submit"               // 登录
	WebSigninNotYet             ID = "web.signin.not_yet"              // 账户密码登录将在下一步提供。在此之前，请使用API令牌（evalbench token create）。
	WebAPIDocsTitle             ID = "web.api_docs.title"              // 接口文档
	WebAPIDocsIntro             ID = "web.api_docs.intro"              // 本服务OpenAPI 3文档的交互式参考。机器调用使用API令牌（Bearer）。
	WebAPIDocsDownload          ID = "web.api_docs.download"           // 下载OpenAPI文档（JSON）
	WebAPIDocsNoscript          ID = "web.api_docs.noscript"           // 交互式参考需要启用JavaScript；也可直接下载OpenAPI文档。
	WebErrorTitle               ID = "web.error.title"                 // 出错了
	WebErrorNotFound            ID = "web.error.not_found"             // 没有这个页面。
	WebErrorTooMany             ID = "web.error.too_many"              // 来自您网络地址的请求过多，请稍候再试。
	WebErrorBadText             ID = "web.error.bad_text"              // “{field}”中含有无法保存的字符（空字符、无效的UTF-8编码或控制字符），请删除后重试。
	WebErrorInternal            ID = "web.error.internal"              // 服务器出错，请稍后再试。
	WebErrorBack                ID = "web.error.back"                  // 返回已发布报告
)

// Web sign-in, sessions and the commission pages (web/signin.go, web/commissions.go).
const (
	WebNavCommissions       ID = "web.nav.commissions"        // 委托项目
	WebNavSignout           ID = "web.nav.signout"            // 退出登录
	WebNavSignedInAs        ID = "web.nav.signed_in_as"       // 已登录：{name}
	WebSigninFailed         ID = "web.signin.failed"          // 用户名或密码错误，或账户因连续多次登录失败而暂时锁定。
	WebSigninThrottled      ID = "web.signin.throttled"       // 从此地址登录失败的次数过多，请稍后再试。
	WebSigninNeeded         ID = "web.signin.needed"          // 请先登录，或登录已过期。
	WebSigninPasswordSet    ID = "web.signin.password_set"    // 密码已设置，请用新密码登录。
	WebSigninSignedOut      ID = "web.signin.signed_out"      // 您已退出登录。
	WebSigninHint           ID = "web.signin.hint"            // 可使用用户名或电子邮箱登录。没有密码时，请向本机构管理员索取设置密码的链接。API调用仍使用API令牌。
	WebErrorForbidden       ID = "web.error.forbidden"        // 请求被拒绝：表单已过期或来自其他网站。请返回、刷新页面后重试。
	WebErrorNoPermission    ID = "web.error.no_permission"    // 您在此委托项目中的角色不包含此操作的权限。
	WebSetpwTitle           ID = "web.setpw.title"            // 设置密码
	WebSetpwIntro           ID = "web.setpw.intro"            // 为用户{name}设置密码。此链接只能使用一次。
	WebSetpwPassword        ID = "web.setpw.password"         // 新密码（至少10个字符）
	WebSetpwConfirm         ID = "web.setpw.confirm"          // 再次输入新密码
	WebSetpwSubmit          ID = "web.setpw.submit"           // 设置密码
	WebSetpwMismatch        ID = "web.setpw.mismatch"         // 两次输入的密码不一致。
	WebSetpwInvalid         ID = "web.setpw.invalid"          // 密码须至少10个字符，至多1024字节。
	WebSetpwGone            ID = "web.setpw.gone"             // 此链接已使用、已过期或不存在。请向管理员索取新链接。
	WebCommissionsTitle     ID = "web.commissions.title"      // 我的委托项目
	WebCommissionsIntro     ID = "web.commissions.intro"      // 您担任角色的委托项目。
	WebCommissionsEmpty     ID = "web.commissions.empty"      // 您尚未在任何委托项目中担任角色。
	WebCommissionsColTitle  ID = "web.commissions.col.title"  // 项目
	WebCommissionsColClient ID = "web.commissions.col.client" // 委托方
	WebCommissionsColPeriod ID = "web.commissions.col.period" // 评估期
	WebCommissionsColStatus ID = "web.commissions.col.status" // 状态
	WebCommissionPeriod     ID = "web.commission.period"      // {start}—{end}年，评估{evaluated}
	WebCommissionUnits      ID = "web.commission.units"       // 被评估单位（{count}个）
	WebCommissionNoUnits    ID = "web.commission.no_units"    // 尚无被评估单位。
	WebCommissionMembers    ID = "web.commission.members"     // 成员与角色
	WebCommissionColCode    ID = "web.commission.col.code"    // 代码
	WebCommissionColName    ID = "web.commission.col.name"    // 名称
	WebCommissionColKind    ID = "web.commission.col.kind"    // 类型
	WebCommissionColUser    ID = "web.commission.col.user"    // 成员
	WebCommissionColRole    ID = "web.commission.col.role"    // 角色
	WebCommissionBack       ID = "web.commission.back"        // 返回委托项目列表
	WebRoleOwner            ID = "web.role.owner"             // 项目负责人
	WebRoleEvaluator        ID = "web.role.evaluator"         // 评估人员
	WebRoleExpert           ID = "web.role.expert"            // 专家
	WebRoleReviewer         ID = "web.role.reviewer"          // 验收评审人
	WebRoleViewer           ID = "web.role.viewer"            // 查看者
	WebUnitKindDistrict     ID = "web.unit_kind.district"     // 区县
	WebUnitKindDepartment   ID = "web.unit_kind.department"   // 部门
	WebUnitKindSubdistrict  ID = "web.unit_kind.subdistrict"  // 街道
	WebUnitKindOther        ID = "web.unit_kind.other"        // 其他
)

// The expert questionnaire of a judgment round (web/questionnaire.go).
const (
	WebQTitle     ID = "web.q.title"     // 专家判断问卷
	WebQIntro     ID = "web.q.intro"     // {expert}，您好。本问卷为“{commission}”第{round}轮层次分析法判断，截止时间{deadline}。
	WebQExplain   ID = "web.q.explain"   // 每一题比较左右两项对上一级目标的重要程度。先判断哪一项更重要，再选择重要的程度：同等重要、稍微重要、明显重要、强烈重要、极端重要，以及介于两者之间的程度。答案会自动保存为草稿，提交后即锁定。
	WebQRoot      ID = "web.q.root"      // 总目标
	WebQLevel     ID = "web.q.level"     // 比较“{node}”的下级各项
	WebQPair      ID = "web.q.pair"      // {left}与{right}相比
	WebQPrefers   ID = "web.q.prefers"   // {item}更重要（{level}）
	WebQScale1    ID = "web.q.scale.1"   // 同等重要
	WebQScale2    ID = "web.q.scale.2"   // 介于同等重要与稍微重要之间
	WebQScale3    ID = "web.q.scale.3"   // 稍微重要
	WebQScale4    ID = "web.q.scale.4"   // 介于稍微重要与明显重要之间
	WebQScale5    ID = "web.q.scale.5"   // 明显重要
	WebQScale6    ID = "web.q.scale.6"   // 介于明显重要与强烈重要之间
	WebQScale7    ID = "web.q.scale.7"   // 强烈重要
	WebQScale8    ID = "web.q.scale.8"   // 介于强烈重要与极端重要之间
	WebQScale9    ID = "web.q.scale.9"   // 极端重要
	WebQProgress  ID = "web.q.progress"  // 已回答{answered}/{pairs}题
	WebQCR        ID = "web.q.cr"        // 一致性比率CR为{cr}（阈值{threshold}）
	WebQCROK      ID = "web.q.cr_ok"     // 判断一致，可以接受。
	WebQCRHigh    ID = "web.q.cr_high"   // 判断不够一致：最影响一致性的是“{left}与{right}相比”，当前为“{current}”；改为“{suggested}”可使CR降至{cr}。
	WebQTake      ID = "web.q.take"      // 采用建议
	WebQKeep      ID = "web.q.keep"      // 保留我的判断
	WebQKept      ID = "web.q.kept"      // 您已选择保留该判断。
	WebQSave      ID = "web.q.save"      // 保存草稿
	WebQSubmit    ID = "web.q.submit"    // 提交问卷
	WebQSubmitted ID = "web.q.submitted" // 问卷已于{at}提交，答案已锁定。谢谢！
	WebQMissing   ID = "web.q.missing"   // 还有{count}题未回答，问卷尚未提交。
	WebQSaved     ID = "web.q.saved"     // 草稿已保存。
	WebQLocked    ID = "web.q.locked"    // 问卷已提交，答案不能再修改。
	WebQInvalid   ID = "web.q.invalid"   // 答案无效，请重新选择。
	WebQCSRF      ID = "web.q.csrf"      // 表单已失效，请重新打开问卷链接。
)

// The rater form of a survey's rater link (web/questionnaire_raters.go).
const (
	WebRTitle        ID = "web.r.title"         // 评价问卷
	WebRIntro        ID = "web.r.intro"         // 您以“{group}”身份评价“{unit}”：{survey}（{commission}），截止时间{deadline}。
	WebRAnonymous    ID = "web.r.anonymous"     // 本问卷不记录您的姓名，您的答案只以化名保存，并与同组其他评价人的答案合并统计。
	WebRCannotJudge  ID = "web.r.cannot_judge"  // 不了解
	WebRScore        ID = "web.r.score"         // {score}分
	WebRComment      ID = "web.r.comment"       // 意见建议（选填）
	WebRSubmit       ID = "web.r.submit"        // 提交评价
	WebRThanks       ID = "web.r.thanks"        // 评价已于{at}提交，谢谢！
	WebRInvalid      ID = "web.r.invalid"       // 答案无效，请检查后重新提交。
	WebRNumberHint   ID = "web.r.number_hint"   // 填写{min}至{max}之间的分数，不了解请留空
	WebRAnsweredHere ID = "web.r.answered_here" // 本设备已提交过这份问卷，谢谢！
	WebRTooMany      ID = "web.r.too_many"      // 来自您网络地址的提交过多，请稍后再试。
)

// The commission workbench (web/commission_*.go): creating a commission, units and members,
// frameworks and datasets.
const (
	WebFormRequired                   ID = "web.form.required"                     // 必填
	WebFormYear                       ID = "web.form.year"                         // 请填写四位年份
	WebFormPeriodEnd                  ID = "web.form.period_end"                   // 请填写不早于起始年的年份
	WebFormEvaluatedOutside           ID = "web.form.evaluated_outside"            // 被评估期须在评估期之内
	WebFormCode                       ID = "web.form.code"                         // 代码以字母开头，只含字母、数字、_、.、-
	WebFormNoUser                     ID = "web.form.no_user"                      // 没有这位用户
	WebFormHasProblems                ID = "web.form.has_problems"                 // 表单有问题，请按下面的提示修改后重新提交。
	WebUploadMissing                  ID = "web.upload.missing"                    // 请选择要上传的文件。
	WebUploadTooLarge                 ID = "web.upload.too_large"                  // 上传的文件太大。
	WebCommissionsCreate              ID = "web.commissions.create"                // 新建委托项目
	WebCommissionsCreateSubmit        ID = "web.commissions.create_submit"         // 创建
	WebCommissionsDescription         ID = "web.commissions.description"           // 说明（可选）
	WebCommissionsPeriodStart         ID = "web.commissions.period_start"          // 评估期起始年
	WebCommissionsPeriodEnd           ID = "web.commissions.period_end"            // 评估期终止年
	WebCommissionsEvaluatedPeriod     ID = "web.commissions.evaluated_period"      // 被评估期
	WebCommissionsEvaluatedPeriodHint ID = "web.commissions.evaluated_period_hint" // 年份（2018）、季度（2018Q2）或月份（2018-06）
	WebCommissionNavLabel             ID = "web.commission.nav.label"              // 委托项目导航
	WebCommissionNavOverview          ID = "web.commission.nav.overview"           // 概况
	WebCommissionNavFrameworks        ID = "web.commission.nav.frameworks"         // 指标体系
	WebCommissionNavDatasets          ID = "web.commission.nav.datasets"           // 数据
	WebCommissionAddUnit              ID = "web.commission.add_unit"               // 添加或修改被评估单位
	WebCommissionAddUnitSubmit        ID = "web.commission.add_unit_submit"        // 保存单位
	WebCommissionCodeHint             ID = "web.commission.code_hint"              // 数据文件中用来指称该单位的代码，如 jianggan；已有代码则修改该单位
	WebCommissionUnitSaved            ID = "web.commission.unit_saved"             // 单位已保存。
	WebCommissionColAction            ID = "web.commission.col.action"             // 操作
	WebCommissionGrant                ID = "web.commission.grant"                  // 授予角色
	WebCommissionGrantSubmit          ID = "web.commission.grant_submit"           // 授予
	WebCommissionGranted              ID = "web.commission.granted"                // 角色已授予。
	WebCommissionRevoke               ID = "web.commission.revoke"                 // 撤销
	WebCommissionRevokeLabel          ID = "web.commission.revoke_label"           // 撤销{user}的{role}角色
	WebCommissionRevoked              ID = "web.commission.revoked"                // 角色已撤销。
	WebFrameworksTitle                ID = "web.frameworks.title"                  // 指标体系
	WebFrameworksEmpty                ID = "web.frameworks.empty"                  // 尚无指标体系。
	WebFrameworksColVersion           ID = "web.frameworks.col.version"            // 版本
	WebFrameworksColTitle             ID = "web.frameworks.col.title"              // 名称
	WebFrameworksColPlan              ID = "web.frameworks.col.plan"               // 规划期
	WebFrameworksColIndicators        ID = "web.frameworks.col.indicators"         // 指标数
	WebFrameworksColDigest            ID = "web.frameworks.col.digest"             // 摘要值
	WebFrameworksVersion              ID = "web.frameworks.version"                // 第{number}版
	WebFrameworksLocked               ID = "web.frameworks.locked"                 // 已锁定
	WebFrameworksImport               ID = "web.frameworks.import"                 // 导入指标体系文件
	WebFrameworksFile                 ID = "web.frameworks.file"                   // 指标体系文件
	WebFrameworksFileHint             ID = "web.frameworks.file_hint"              // JSON、CSV 或 XLSX 文件，导入后成为新的一版
	WebFrameworksImportSubmit         ID = "web.frameworks.import_submit"          // 导入
	WebFrameworkBack                  ID = "web.framework.back"                    // 返回指标体系版本列表
	WebFrameworkKey                   ID = "web.framework.key"                     // 关键指标
	WebFrameworkUnit                  ID = "web.framework.unit"                    // 计量单位
	WebFrameworkPolarity              ID = "web.framework.polarity"                // 方向
	WebFrameworkBaseline              ID = "web.framework.baseline"                // 基期值
	WebFrameworkTarget                ID = "web.framework.target"                  // 目标值
	WebFrameworkAnnualTargets         ID = "web.framework.annual_targets"          // 年度目标
	WebFrameworkResponsible           ID = "web.framework.responsible"             // 责任单位
	WebFrameworkYearValue             ID = "web.framework.year_value"              // {year}年：{value}
	WebPolarityHigher                 ID = "web.polarity.higher"                   // 越高越好
	WebPolarityLower                  ID = "web.polarity.lower"                    // 越低越好
	WebPolarityTarget                 ID = "web.polarity.target"                   // 越接近目标越好
	WebPolarityRange                  ID = "web.polarity.range"                    // 在区间内最好
	WebDatasetsTitle                  ID = "web.datasets.title"                    // 数据
	WebDatasetsEmpty                  ID = "web.datasets.empty"                    // 尚无数据。
	WebDatasetsColFile                ID = "web.datasets.col.file"                 // 文件
	WebDatasetsColRows                ID = "web.datasets.col.rows"                 // 行数
	WebDatasetsColImported            ID = "web.datasets.col.imported"             // 导入日期
	WebDatasetsColState               ID = "web.datasets.col.state"                // 状态
	WebDatasetsColFormat              ID = "web.datasets.col.format"               // 格式
	WebDatasetsFrozen                 ID = "web.datasets.frozen"                   // 已冻结
	WebDatasetsOpen                   ID = "web.datasets.open"                     // 未冻结
	WebDatasetsUpload                 ID = "web.datasets.upload"                   // 上传数据文件
	WebDatasetsFile                   ID = "web.datasets.file"                     // 数据文件
	WebDatasetsFileHint               ID = "web.datasets.file_hint"                // CSV 或 XLSX 文件（可拖放到此处）。先检查，无误后再确认导入。
	WebDatasetsLabel                  ID = "web.datasets.label"                    // 版本说明（可选）
	WebDatasetsCheckSubmit            ID = "web.datasets.check_submit"             // 检查文件
	WebDatasetsChecked                ID = "web.datasets.checked"                  // 检查结果
	WebDatasetsCheckedOK              ID = "web.datasets.checked_ok"               // 文件无误：{rows}行，其中有效{valid}行。
	WebDatasetsExisting               ID = "web.datasets.existing"                 // 同一文件已导入过，确认后将打开已有版本。
	WebDatasetsConfirmFile            ID = "web.datasets.confirm_file"             // 再次选择同一文件以确认导入
	WebDatasetsConfirmHint            ID = "web.datasets.confirm_hint"             // 只导入摘要值为 {digest}… 的文件
	WebDatasetsImportSubmit           ID = "web.datasets.import_submit"            // 确认导入
	WebDatasetsOtherFile              ID = "web.datasets.other_file"               // 所选文件与已检查的文件不同，请重新检查。
	WebDatasetBack                    ID = "web.dataset.back"                      // 返回数据版本列表
	WebDatasetTitle                   ID = "web.dataset.title"                     // 数据第{number}版
	WebDatasetFreeze                  ID = "web.dataset.freeze"                    // 冻结此版本
	WebDatasetFreezeHint              ID = "web.dataset.freeze_hint"               // 冻结后此版本不再更改，评估计算以冻结的数据为准。
	WebDatasetObservations            ID = "web.dataset.observations"              // 观测值
	WebDatasetColIndicator            ID = "web.dataset.col.indicator"             // 指标
	WebDatasetColUnit                 ID = "web.dataset.col.unit"                  // 单位
	WebDatasetColPeriod               ID = "web.dataset.col.period"                // 期间
	WebDatasetColValue                ID = "web.dataset.col.value"                 // 数值
	WebDatasetColNote                 ID = "web.dataset.col.note"                  // 备注
	WebPagerLabel                     ID = "web.pager.label"                       // 分页
	WebPagerPrev                      ID = "web.pager.prev"                        // 上一页
	WebPagerNext                      ID = "web.pager.next"                        // 下一页
	WebPagerPage                      ID = "web.pager.page"                        // 第{page}页
	WebCompareTitle                   ID = "web.compare.title"                     // 比较两个数据版本
	WebCompareFrom                    ID = "web.compare.from"                      // 原版本
	WebCompareTo                      ID = "web.compare.to"                        // 新版本
	WebCompareSubmit                  ID = "web.compare.submit"                    // 比较
	WebCompareBetween                 ID = "web.compare.between"                   // 第{from}版与第{to}版
	WebCompareCounts                  ID = "web.compare.counts"                    // 新增{added}项，删除{removed}项，变化{changed}项，相同{same}项。
	WebCompareNone                    ID = "web.compare.none"                      // 两个版本的数值相同。
	WebCompareColChange               ID = "web.compare.col.change"                // 变化
	WebCompareColFrom                 ID = "web.compare.col.from"                  // 原值
	WebCompareColTo                   ID = "web.compare.col.to"                    // 新值
	WebCompareChangeAdded             ID = "web.compare.change.added"              // 新增
	WebCompareChangeRemoved           ID = "web.compare.change.removed"            // 删除
	WebCompareChangeChanged           ID = "web.compare.change.changed"            // 变化
	WebImportProblems                 ID = "web.import.problems"                   // 文件中的问题（{total}个）
	WebImportRejected                 ID = "web.import.rejected"                   // 文件未导入，请修改下列问题后重新上传。
	WebImportColRow                   ID = "web.import.col.row"                    // 行
	WebImportColColumn                ID = "web.import.col.column"                 // 列
	WebImportColValue                 ID = "web.import.col.value"                  // 值
	WebImportColMessage               ID = "web.import.col.message"                // 问题
	WebImportRow                      ID = "web.import.row"                        // 第{row}行
	WebImportTruncated                ID = "web.import.truncated"                  // 仅列出前{shown}个问题，共{total}个。
	WebCommissionLastOwner            ID = "web.commission.last_owner"             // 委托项目至少要保留一位项目负责人。
	WebDatasetsFramework              ID = "web.datasets.framework"                // 核对所依据的指标体系
	WebDatasetsNoFramework            ID = "web.datasets.no_framework"             // 数据须按指标体系核对，请先导入指标体系。
)

// The runs, reports, acceptance and audit pages (web/runs_pages.go, web/reports_pages.go).
const (
	WebCnavLabel            ID = "web.cnav.label"             // 委托项目导航
	WebRunsTitle            ID = "web.runs.title"             // 评估运行
	WebRunsCaption          ID = "web.runs.caption"           // 本项目的评估运行，最新的在前。
	WebRunsColNumber        ID = "web.runs.col.number"        // 运行
	WebRunsColStatus        ID = "web.runs.col.status"        // 状态
	WebRunsColCreated       ID = "web.runs.col.created"       // 发起
	WebRunsColDigest        ID = "web.runs.col.digest"        // 结果摘要
	WebRunsEmpty            ID = "web.runs.empty"             // 尚无评估运行。
	WebRunsStart            ID = "web.runs.start"             // 发起评估运行
	WebRunsWeightSet        ID = "web.runs.weight_set"        // 权重方案
	WebRunsWeightSetOption  ID = "web.runs.weight_set_option" // 权重方案{number}：{name}
	WebRunsDatasets         ID = "web.runs.datasets"          // 已冻结的数据集（按优先顺序）
	WebRunsDatasetOption    ID = "web.runs.dataset_option"    // 数据集{number}：{file}
	WebRunsNoDatasets       ID = "web.runs.no_datasets"       // 尚无已冻结的数据集。
	WebRunsPrevious         ID = "web.runs.previous"          // 上期运行（选填）
	WebRunsPreviousDefault  ID = "web.runs.previous_default"  // 自动选择上一评估期已完成的运行
	WebRunsSubmit           ID = "web.runs.submit"            // 发起运行
	WebRunsInvalid          ID = "web.runs.invalid"           // 运行请求无效，请选择权重方案和至少一个已冻结的数据集。
	WebRunsConflict         ID = "web.runs.conflict"          // 此项目当前不能发起运行（例如报告已发布）。
	WebRunNumber            ID = "web.run.number"             // 第{number}次运行
	WebRunBack              ID = "web.run.back"               // 返回“{title}”的运行列表
	WebRunInputsDigest      ID = "web.run.inputs_digest"      // 输入摘要
	WebRunFailed            ID = "web.run.failed"             // 运行失败，请查看运行日志或重新发起。
	WebRunProgress          ID = "web.run.progress"           // 运行进度
	WebRunPercent           ID = "web.run.percent"            // 已完成{percent}%
	WebRunLive              ID = "web.run.live"               // 进度每秒自动刷新。
	WebRunReload            ID = "web.run.reload"             // 刷新
	WebRunShowResults       ID = "web.run.show_results"       // 查看结果
	WebRunPublished         ID = "web.run.published"          // 报告第{version}版已于{date}发布。
	WebRunPublishIntro      ID = "web.run.publish_intro"      // 发布将签署本次运行的报告，并记入机构的发布日志。发布后不能更改。
	WebRunPublish           ID = "web.run.publish"            // 发布报告
	WebRunPublishConflict   ID = "web.run.publish_conflict"   // 此报告当前不能发布（项目须处于审核阶段）。
	WebRunUnits             ID = "web.run.units"              // 各单位得分与排名
	WebRunCharts            ID = "web.run.charts"             // 图表
	WebRunIndicators        ID = "web.run.indicators"         // 各指标得分
	WebRunColRank           ID = "web.run.col.rank"           // 排名
	WebRunColUnit           ID = "web.run.col.unit"           // 单位
	WebRunColComposite      ID = "web.run.col.composite"      // 综合得分
	WebRunColGrade          ID = "web.run.col.grade"          // 等次
	WebRunColCode           ID = "web.run.col.code"           // 编码
	WebRunColIndicator      ID = "web.run.col.indicator"      // 指标
	WebRunColDimension      ID = "web.run.col.dimension"      // 维度
	WebRunColWeight         ID = "web.run.col.weight"         // 权重
	WebReportsTitle         ID = "web.reports.title"          // 评估报告
	WebReportsVersion       ID = "web.reports.version"        // 报告第{version}版（第{run}次运行）
	WebReportsPublishedBy   ID = "web.reports.published_by"   // {name}于{date}发布
	WebReportsSuperseded    ID = "web.reports.superseded"     // 已被新版本取代
	WebReportsIllustrative  ID = "web.reports.illustrative"   // 示例性质
	WebReportsDigest        ID = "web.reports.digest"         // 摘要
	WebReportsRun           ID = "web.reports.run"            // 运行结果
	WebReportsEmpty         ID = "web.reports.empty"          // 尚未发布报告。
	WebReportsLog           ID = "web.reports.log"            // 机构发布日志
	WebReportsLogIntact     ID = "web.reports.log_intact"     // 哈希链完整
	WebReportsLogBroken     ID = "web.reports.log_broken"     // 哈希链在第{seq}条断开
	WebReportsColSeq        ID = "web.reports.col.seq"        // 序号
	WebReportsColDate       ID = "web.reports.col.date"       // 时间
	WebReportsColVersion    ID = "web.reports.col.version"    // 版本
	WebAcceptTitle          ID = "web.accept.title"           // 验收
	WebAcceptAllPass        ID = "web.accept.all_pass"        // 各项均通过
	WebAcceptSomeFail       ID = "web.accept.some_fail"       // 有未通过的项
	WebAcceptNoReport       ID = "web.accept.no_report"       // 尚无已发布的报告可供验收。
	WebAcceptChecklist      ID = "web.accept.checklist"       // 验收清单
	WebAcceptPass           ID = "web.accept.pass"            // 通过
	WebAcceptFail           ID = "web.accept.fail"            // 未通过
	WebAcceptDecisions      ID = "web.accept.decisions"       // 验收记录
	WebAcceptDecisionAccept ID = "web.accept.decision.accept" // 验收通过
	WebAcceptDecisionReject ID = "web.accept.decision.reject" // 退回修改
	WebAcceptReportVersion  ID = "web.accept.report_version"  // 报告第{version}版
	WebAcceptDecide         ID = "web.accept.decide"          // 验收决定
	WebAcceptDecision       ID = "web.accept.decision"        // 决定
	WebAcceptReasons        ID = "web.accept.reasons"         // 意见或理由（每行一条；退回修改，或清单有未通过项时验收通过，须填写）
	WebAcceptSubmit         ID = "web.accept.submit"          // 提交决定
	WebAcceptInvalid        ID = "web.accept.invalid"         // 决定无效：退回修改，或在清单有未通过项时验收通过，须写明理由。
	WebAcceptConflict       ID = "web.accept.conflict"        // 此项目当前不能作出验收决定（例如清单未全部通过或已验收）。
	WebAuditTitle           ID = "web.audit.title"            // 审计日志
	WebAuditCaption         ID = "web.audit.caption"          // 本项目的审计日志，按时间顺序。
	WebAuditColAt           ID = "web.audit.col.at"           // 时间
	WebAuditColActor        ID = "web.audit.col.actor"        // 操作人
	WebAuditColAction       ID = "web.audit.col.action"       // 操作
	WebAuditColObject       ID = "web.audit.col.object"       // 对象
	WebAuditEmpty           ID = "web.audit.empty"            // 没有更多记录。
	WebAuditPages           ID = "web.audit.pages"            // 分页
	WebAuditFirst           ID = "web.audit.first"            // 第一页
	WebAuditNext            ID = "web.audit.next"             // 下一页
	WebWsTitle              ID = "web.ws.title"               // 权重方案
	WebWsCaption            ID = "web.ws.caption"             // 本项目的权重方案。
	WebWsColSet             ID = "web.ws.col.set"             // 方案
	WebWsColMethod          ID = "web.ws.col.method"          // 赋权方法
	WebWsColVersion         ID = "web.ws.col.version"         // 版本
	WebWsLocked             ID = "web.ws.locked"              // 已锁定
	WebWsEmpty              ID = "web.ws.empty"               // 尚无权重方案。
	WebWsCompare            ID = "web.ws.compare"             // 比较两套权重方案
	WebWsFrom               ID = "web.ws.from"                // 比较方案
	WebWsTo                 ID = "web.ws.to"                  // 对照方案
	WebWsCompareSubmit      ID = "web.ws.compare_submit"      // 比较
	WebWsBack               ID = "web.ws.back"                // 返回权重方案列表
	WebWsIncomplete         ID = "web.ws.incomplete"          // 此方案的权重尚不完整，不能用于运行。
	WebWsDimensions         ID = "web.ws.dimensions"          // 维度权重
	WebWsExperts            ID = "web.ws.experts"             // 专家判断的一致性
	WebWsColExpert          ID = "web.ws.col.expert"          // 专家
	WebWsColNode            ID = "web.ws.col.node"            // 节点
	WebWsColCr              ID = "web.ws.col.cr"              // 一致性比率
	WebWsColExcluded        ID = "web.ws.col.excluded"        // 是否采用
	WebWsExcluded           ID = "web.ws.excluded"            // 未采用
	WebWsIncluded           ID = "web.ws.included"            // 采用
	WebWsGlobal             ID = "web.ws.global"              // 指标权重
	WebWsCompareSets        ID = "web.ws.compare_sets"        // 权重方案{from}与方案{to}
	WebWsRanks              ID = "web.ws.ranks"               // 按当前数据各方案给出的排名
	WebWsColFrom            ID = "web.ws.col.from"            // 比较方案
	WebWsColTo              ID = "web.ws.col.to"              // 对照方案
	WebWsColMoved           ID = "web.ws.col.moved"           // 名次变化
	WebWsRankScore          ID = "web.ws.rank_score"          // 第{rank}名（{score}分）
	WebWsNoRanking          ID = "web.ws.no_ranking"          // 无法用当前数据排名。
	WebWsMoved              ID = "web.ws.moved"               // 权重变化
	WebWsNoneMoved          ID = "web.ws.none_moved"          // 没有权重变化。
	WebWsChooseTwo          ID = "web.ws.choose_two"          // 请选择本项目的两套权重方案进行比较。
	WebRunCancel            ID = "web.run.cancel"             // 取消运行
	WebRunCancelConflict    ID = "web.run.cancel_conflict"    // 此运行已结束，不能取消。
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebQChoose ID = "web.q.choose" // 请选择
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebBoardQRLabel        ID = "web.board.qr_label"        // 公开问卷链接二维码
	WebRoundsExpertsHint   ID = "web.rounds.experts_hint"   // 每行一位专家：姓名，单位，权重，代码，用逗号分隔；姓名之后各项可省略（如“王教授,,2”）。
	WebRoundRefused        ID = "web.round.refused"         // 此操作未执行：轮次已结束，或尚无专家提交。
	WebSurveysTitle        ID = "web.surveys.title"         // 问卷调查
	WebSurveysCaption      ID = "web.surveys.caption"       // 本项目的问卷
	WebSurveysColTitle     ID = "web.surveys.col.title"     // 问卷
	WebSurveysColKind      ID = "web.surveys.col.kind"      // 类型
	WebSurveysColResponses ID = "web.surveys.col.responses" // 答案条数
	WebSurveysColPages     ID = "web.surveys.col.pages"     // 页面
	WebSurveysEmpty        ID = "web.surveys.empty"         // 尚无问卷。
	WebBoardTitle          ID = "web.board.title"           // 评价链接与回收情况
	WebBoardIssued         ID = "web.board.issued"          // 新发放的链接
	WebBoardShownOnce      ID = "web.board.shown_once"      // 链接只显示这一次（系统只保存其摘要），请现在复制、打印或发送。
	WebBoardOpen           ID = "web.board.open"            // 公开链接
	WebBoardQRCaption      ID = "web.board.qr_caption"      // 扫码作答（每台设备一次）
	WebBoardRates          ID = "web.board.rates"           // 各单位、各评价组的回收情况
	WebBoardThresholdNote  ID = "web.board.threshold_note"  // 评价人数少于匿名阈值的格子标为“将被屏蔽”：报告不显示其得分。
	WebBoardColUnit        ID = "web.board.col.unit"        // 被评价单位
	WebBoardColGroup       ID = "web.board.col.group"       // 评价组
	WebBoardColIssued      ID = "web.board.col.issued"      // 个人链接
	WebBoardColSubmitted   ID = "web.board.col.submitted"   // 已提交
	WebBoardColOpen        ID = "web.board.col.open"        // 公开链接
	WebBoardColRaters      ID = "web.board.col.raters"      // 评价人数
	WebBoardColThreshold   ID = "web.board.col.threshold"   // 匿名阈值
	WebBoardColState       ID = "web.board.col.state"       // 状态
	WebBoardColAction      ID = "web.board.col.action"      // 操作
	WebBoardSuppressed     ID = "web.board.suppressed"      // 将被屏蔽
	WebBoardIssue          ID = "web.board.issue"           // 发放链接
	WebBoardCount          ID = "web.board.count"           // 个人链接数量
	WebBoardDeadline       ID = "web.board.deadline"        // 截止日期
	WebBoardOpenHint       ID = "web.board.open_hint"       // 发放一个公开链接（公众满意度调查，附二维码）
	WebBoardLinks          ID = "web.board.links"           // 已发放的链接
	WebBoardNoLinks        ID = "web.board.no_links"        // 尚未发放链接。
	WebBoardRevoke         ID = "web.board.revoke"          // 作废
	WebBoardRevoked        ID = "web.board.revoked"         // 已作废
	WebBoardSubmitted      ID = "web.board.submitted"       // 已提交
	WebBoardWaiting        ID = "web.board.waiting"         // 未提交
	WebEnumTitle           ID = "web.enum.title"            // 访员录入
	WebEnumExplain         ID = "web.enum.explain"          // 访员逐份录入电话或纸质问卷的答案：每次提交都是一位新的匿名受访者，系统记录录入人为您（采集者），而非评价人。
	WebEnumRecorded        ID = "web.enum.recorded"         // 已录入（第{number}批导入）。请录入下一位受访者。
	WebEnumSubmit          ID = "web.enum.submit"           // 录入并继续下一份
	WebRoundsTitle         ID = "web.rounds.title"          // 专家判断轮次
	WebRoundsLinks         ID = "web.rounds.links"          // 专家个人链接
	WebRoundsColExpert     ID = "web.rounds.col.expert"     // 专家
	WebRoundsColLink       ID = "web.rounds.col.link"       // 链接
	WebRoundsCaption       ID = "web.rounds.caption"        // 本权重方案的判断轮次
	WebRoundsColNumber     ID = "web.rounds.col.number"     // 轮次
	WebRoundsColExperts    ID = "web.rounds.col.experts"    // 专家人数
	WebRoundsNumber        ID = "web.rounds.number"         // 第{number}轮
	WebRoundsClosed        ID = "web.rounds.closed"         // 已结束
	WebRoundsOpenState     ID = "web.rounds.open_state"     // 进行中
	WebRoundsEmpty         ID = "web.rounds.empty"          // 尚无判断轮次。
	WebRoundsOpen          ID = "web.rounds.open"           // 发起判断轮次
	WebRoundsExperts       ID = "web.rounds.experts"        // 专家名单
	WebRoundProgress       ID = "web.round.progress"        // {experts}位专家中已有{submitted}位提交
	WebRoundCaption        ID = "web.round.caption"         // 各专家的作答进度与各判断矩阵的一致性比率
	WebRoundColMatrices    ID = "web.round.col.matrices"    // 判断矩阵（已答/题数 · CR）
	WebRoundColLink        ID = "web.round.col.link"        // 链接
	WebRoundReissue        ID = "web.round.reissue"         // 重新发放
	WebRoundCRNote         ID = "web.round.cr_note"         // CR超过阈值{threshold}的矩阵标红；汇总时按权重方案的规则处理。
	WebRoundReminders      ID = "web.round.reminders"       // 下载催办名单（CSV）
	WebRoundRemindersHint  ID = "web.round.reminders_hint"  // 未提交专家的链接将重新发放，旧链接失效。
	WebRoundClose          ID = "web.round.close"           // 结束轮次并汇总
	WebRoundCloseHint      ID = "web.round.close_hint"      // 已提交的判断进入权重方案，未提交的草稿不计入。
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebBoardRaters     ID = "web.board.raters"      // 指定评价人（可选）
	WebBoardRatersHint ID = "web.board.raters_hint" // 每行一个评价人代码（不要填姓名或电话）：每人一个链接，数量按行数计；同一代码在不同单位的链接算同一位评价人。
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebRoundCR ID = "web.round.cr" // 一致性比率CR {cr}
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebBoardCommentThreshold ID = "web.board.comment_threshold" // 意见建议另设匿名阈值：某组提出意见的评价人不少于 max({k}，该组匿名阈值) 人时才在报告中显示。
)
