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

// Run stages: what the worker is doing (Run.Stage, evaluation.RunStageID).
const (
	RunStageClaimed       ID = "run.stage.claimed"        // 已领取
	RunStageLoadingInputs ID = "run.stage.loading_inputs" // 正在加载输入
	RunStageComputing     ID = "run.stage.computing"      // 正在计算
	RunStageStoring       ID = "run.stage.storing"        // 正在保存
)

// Why a run failed or was cancelled (Run.ErrorMessage), and the engine's errors that reach it.
const (
	RunErrorPanic            ID = "run.error.panic"             // 计算意外失败，这是 evalbench 的缺陷，详情见服务器日志
	RunErrorInternal         ID = "run.error.internal"          // 计算因数据以外的原因失败（详情见服务器日志），请重新运行
	RunErrorUnexpected       ID = "run.error.unexpected"        // 计算未能完成，原因不是已知的数据问题（详情见服务器日志），请重新运行；再次失败请告知管理员
	RunErrorCancelled        ID = "run.error.cancelled"         // 已按请求取消
	RunErrorProblem          ID = "run.error.problem"           // {summary}，问题：{problem}
	RunErrorProblems         ID = "run.error.problems"          // {summary}，问题：{problem}（另有{more}个问题）
	AggregationVIKORTwoUnits ID = "aggregation.vikor_two_units" // VIKOR 至少需要两个评价单位
	UncertaintyFailed        ID = "uncertainty.failed"          // 蒙特卡罗模拟无法进行：{error}
	UncertaintySampleFailed  ID = "uncertainty.sample_failed"   // 蒙特卡罗第{sample}次抽样无法得出权重：{error}
	SensitivityFailed        ID = "sensitivity.failed"          // 敏感性分析无法进行：{error}
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

// Warning kinds: the short name of each engine warning code (warning_kind.<Warning.Code>), for the report's tables.
const (
	WarningKindSourcesDisagree  ID = "warning_kind.sources_disagree"   // 数据来源不一致
	WarningKindMissingExcluded  ID = "warning_kind.missing_excluded"   // 缺失值未计入
	WarningKindMissingImputed   ID = "warning_kind.missing_imputed"    // 缺失值已插补
	WarningKindComponentMissing ID = "warning_kind.component_missing"  // 组成部分无得分
	WarningKindNoScore          ID = "warning_kind.no_score"           // 单位无得分
	WarningKindBottomTwoTwice   ID = "warning_kind.bottom_two_twice"   // 连续两期排名后两位
	WarningKindBottomTwo        ID = "warning_kind.bottom_two"         // 本期排名后两位
	WarningKindLiftedByBonus    ID = "warning_kind.lifted_by_bonus"    // 加分晋档
	WarningKindConstraintUnit   ID = "warning_kind.constraint_unit"    // 约束占比不足
	WarningKindGroupSuppressed  ID = "warning_kind.group_suppressed"   // 评价主体人数不足
	WarningKindScoringFailed    ID = "warning_kind.scoring_failed"     // 计分失败
	WarningKindCaliberNotStated ID = "warning_kind.caliber_not_stated" // 口径未说明
	ReportBottomTwo             ID = "report.bottom_two"               // 本期排名后两位
)

// Codes of the framework and the run configuration that the report names.
const (
	TargetKindLevel        ID = "target_kind.level"         // 水平值目标
	TargetKindGrowthRate   ID = "target_kind.growth_rate"   // 增长率目标
	TargetKindCumulative   ID = "target_kind.cumulative"    // 累计目标
	TargetKindUpperBound   ID = "target_kind.upper_bound"   // 上限目标
	TargetKindLowerBound   ID = "target_kind.lower_bound"   // 下限目标
	TargetKindQualitative  ID = "target_kind.qualitative"   // 定性目标
	NodeKindDimension      ID = "node_kind.dimension"       // 维度
	NodeKindGroup          ID = "node_kind.group"           // 指标组
	NodeKindIndicator      ID = "node_kind.indicator"       // 指标
	ConstraintKindMinShare ID = "constraint.kind.min_share" // 最低占比
	SurveyGapSelfHigher    ID = "survey.gap.self_higher"    // 自评高于他评（盲点）
	SurveyGapSelfLower     ID = "survey.gap.self_lower"     // 自评低于他评（潜在优势）
)

// Why a survey reliability statistic was not computed.
const (
	SurveyReasonSelfOnly     ID = "survey.reason.self_only"      // 自评数据：每个单位只评价自己，没有评价人评价多个单位
	SurveyReasonTooFewUnits  ID = "survey.reason.too_few_units"  // 该评价主体仅在{units}个单位计入（未抑制），至少需要2个
	SurveyReasonTooFewRaters ID = "survey.reason.too_few_raters" // 仅{raters}名评价人评价了该评价主体计入的全部{units}个单位，至少需要2名
	SurveyReasonOneItem      ID = "survey.reason.one_item"       // 问卷只有一个题目，α系数至少需要2个题目
	SurveyReasonTooFewRows   ID = "survey.reason.too_few_rows"   // 覆盖全部题目的评价人×单位答卷仅{rows}套，至少需要2套
	SurveyReasonZeroVariance ID = "survey.reason.zero_variance"  // 评分没有差异，系数无定义
	SurveyReasonTooFew       ID = "survey.reason.too_few"        // 评分数量过少，无法计算系数
	SurveyReasonNotComputed  ID = "survey.reason.not_computed"   // 未计算：{error}
)

// Why a weight set derives no complete weights (WeightResult.Problems), beside the ahp.* and weights.* ids.
const (
	WeightsDerivationFailed ID = "weights.derivation_failed" // 无法得出权重：{error}
	WeightsStaleFramework   ID = "weights.stale_framework"   // 权重集{set}建立后指标体系{framework}已变更（摘要{digest}…，现为{now}…）：其判断矩阵和配置可能不再适用，请在当前指标体系上新建权重集
)

// Missing-data policies (run configuration missing).
const (
	MissingPolicyExclude ID = "missing_policy.exclude" // 不计入并重新归一化同级权重
	MissingPolicyZero    ID = "missing_policy.zero"    // 按零分计
	MissingPolicyMean    ID = "missing_policy.mean"    // 按各单位平均分计
)

// The acceptance checklist (验收): item titles and evidence lines.
const (
	AcceptanceItemReportPublished ID = "acceptance.item.report_published" // 报告已发布
	AcceptanceItemSignatureValid  ID = "acceptance.item.signature_valid"  // 签名有效
	AcceptanceItemRerunDigest     ID = "acceptance.item.rerun_digest"     // 重算摘要一致
	AcceptanceItemAHPConsistency  ID = "acceptance.item.ahp_consistency"  // 判断矩阵一致性
	AcceptanceItemWeightsSum      ID = "acceptance.item.weights_sum"      // 权重归一
	AcceptanceItemDataCoverage    ID = "acceptance.item.data_coverage"    // 数据完整
	AcceptanceItemProvenance      ID = "acceptance.item.provenance"       // 数据来源可追溯
	AcceptanceItemSurveyMinimums  ID = "acceptance.item.survey_minimums"  // 评价主体人数
	AcceptanceItemConstraints     ID = "acceptance.item.constraints"      // 委托约束
	AcceptanceItemAuditChain      ID = "acceptance.item.audit_chain"      // 审计链完整
	AcceptanceNoReport            ID = "acceptance.no_report"             // 该评估项目尚无已发布的报告
	AcceptanceReport              ID = "acceptance.report"                // 报告{report}第{version}版（第{run}次运行），{time}由{by}发布
	AcceptanceDigest              ID = "acceptance.digest"                // 摘要（report.json的SHA-256）{digest}
	AcceptanceSupersedes          ID = "acceptance.supersedes"            // 取代报告{report}
	AcceptanceNoReportToCheck     ID = "acceptance.no_report_to_check"    // 没有可核验的报告
	AcceptanceUnreadable          ID = "acceptance.unreadable"            // 无法读取报告内容
	AcceptanceMore                ID = "acceptance.more"                  // ……另有{n}条
	AcceptanceCheckLine           ID = "acceptance.check_line"            // 检查项{check}（{status}）：{detail}
	RunEventsUnreadable           ID = "run.events.unreadable"            // 无法读取本次运行，请刷新后重试
	AcceptanceAuditEntries        ID = "acceptance.audit_entries"         // 审计记录{entries}条，链头{head}
	AcceptanceAuditAnchored       ID = "acceptance.audit_anchored"        // 已核验{checkpoints}个签名检查点，第1—{anchored}条记录由检查点担保
	AcceptanceAuditBroken         ID = "acceptance.audit_broken"          // 审计链在第{seq}条断开：{reason}
	AcceptanceNoWeights           ID = "acceptance.no_weights"            // 结果中没有权重
	AcceptanceNotAHP              ID = "acceptance.not_ahp"               // 权重由{method}方法得出，并非来自层次分析法判断矩阵，无矩阵需检验
	AcceptanceAHPConsistent       ID = "acceptance.ahp_consistent"        // 节点{node}，{expert}：CR {cr}，在阈值以内
	AcceptanceAHPExcluded         ID = "acceptance.ahp_excluded"          // 节点{node}，{expert}：CR {cr}，已剔除——{reason}
	AcceptanceAHPUnrecorded       ID = "acceptance.ahp_unrecorded"        // 节点{node}，{expert}：CR {cr}超过阈值，且未记录剔除
	AcceptanceNodeSum             ID = "acceptance.node_sum"              // 节点{node}：{n}个权重之和为{sum}
	AcceptanceGlobalSum           ID = "acceptance.global_sum"            // 指标全局权重之和为{sum}
	AcceptanceDimensionSum        ID = "acceptance.dimension_sum"         // 维度权重之和为{sum}
	AcceptanceComponentSum        ID = "acceptance.component_sum"         // 各组成部分占比之和为{sum}
	AcceptanceValuesPresent       ID = "acceptance.values_present"        // 评价期{period}应有指标×单位数值{expected}个，现有{present}个；缺失数据处理规则：{policy}
	AcceptanceScored              ID = "acceptance.scored"                // {total}项指标中已评分{scored}项，占权重{weight}%（阈值{threshold}%）
	AcceptanceProvisional         ID = "acceptance.provisional"           // 暂定：{scored}——综合得分与等次所依据的权重低于阈值
	AcceptanceDimensionScored     ID = "acceptance.dimension_scored"      // {dimension}维度：{total}项指标中已评分{scored}项，权重{weight}%（该维度共{of}%）
	AcceptanceMissing             ID = "acceptance.missing"               // 缺失：指标{indicator} × 单位{unit} × 评价期{period}
	AcceptanceNoDataset           ID = "acceptance.no_dataset"            // 本次运行未使用数据集
	AcceptanceDataset             ID = "acceptance.dataset"               // 数据集{number}：{file}，SHA-256 {sha256}，由{importer}于{time}导入
	AcceptanceDatasetLacks        ID = "acceptance.dataset_lacks"         // {dataset}——缺少{lacks}
	AcceptanceFieldFileName       ID = "acceptance.field.file_name"       // 文件名
	AcceptanceFieldSHA256         ID = "acceptance.field.sha256"          // SHA-256摘要
	AcceptanceFieldImporter       ID = "acceptance.field.importer"        // 导入人
	AcceptanceFieldImportTime     ID = "acceptance.field.import_time"     // 导入时间
	AcceptanceNoSurvey            ID = "acceptance.no_survey"             // 本次运行未使用问卷
	AcceptanceSurveyBelow         ID = "acceptance.survey_below"          // 问卷{survey}，单位{unit}，评价主体{group}：报告{n}名评价人，低于最低要求{min}
	AcceptanceSurveyCells         ID = "acceptance.survey_cells"          // 问卷{survey}：{counted}个单位×评价主体单元达到最低人数，{suppressed}个已抑制
	AcceptanceNoConstraint        ID = "acceptance.no_constraint"         // 运行配置未设约束
	AcceptanceConstraintMet       ID = "acceptance.constraint_met"        // {label}{kind} {source} ≥ {min}：占比{share}，满足
	AcceptanceConstraintNotMet    ID = "acceptance.constraint_not_met"    // {label}{kind} {source} ≥ {min}：占比{share}，未满足
	AcceptanceConstraintUnit      ID = "acceptance.constraint_unit"       // 单位{unit}仅为{share}
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

// A text recorded before the catalogue (a result stored as English), read back verbatim.
const (
	LegacyText ID = "legacy.text" // {text}（原文未翻译）
)

// Monitoring bases, schedules and projections; engine notes added by issue 12.
const (
	MonitoringBasisSchedule       ID = "monitoring.basis.schedule"           // 规划年度安排：{start}—{end}年年度目标之和
	MonitoringBasisProRata        ID = "monitoring.basis.pro_rata"           // 累计目标按年均分（{elapsed}/{total}），规划未给出年度安排
	MonitoringScheduleAnnual      ID = "monitoring.schedule.annual_schedule" // 规划年度安排（逐年目标累加）
	MonitoringScheduleProRata     ID = "monitoring.schedule.pro_rata"        // 按年均分（规划未给出年度安排）
	ProjectionMethodSchedulePace  ID = "projection.method.schedule_pace"     // 按{start}—{end}年相对规划年度安排的完成进度（累计实际值÷累计安排值）推算期末总量
	ProjectionMethodYearlyAverage ID = "projection.method.yearly_average"    // 以{start}—{end}年的年均值推算至{final}年
	ProjectionMethodMeanRate      ID = "projection.method.mean_rate"         // 取迄今已观测增长率的平均值
	ProjectionMethodTrend         ID = "projection.method.trend"             // 以基期值和实际值（{years}）拟合最小二乘趋势，数值均为正时按复合增长，否则按线性
	ProjectionCaveatFew           ID = "projection.caveat.few"               // 仅依据{count}外推，并非预测，仅供参考
	ProjectionCaveatMany          ID = "projection.caveat.many"              // 依据{count}外推，并非预测
	ProjectionCaveatUneven        ID = "projection.caveat.uneven"            // {caveat}；未考虑规划本身不均衡的年度安排
	ProjectionCountYears          ID = "projection.count.years"              // {n}个年度
	ProjectionCountRates          ID = "projection.count.rates"              // {n}个增长率
	ProjectionCountPoints         ID = "projection.count.points"             // {n}个数据点
	WarningCaliberNotStated       ID = "warning.caliber_not_stated"          // {period}年度的值{value}未说明口径（口径未说明）；基期值和目标值采用“{caliber}”口径
	ScoringNoteError              ID = "scoring.note.error"                  // 无法计分：{error}
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
	IngestFrameworkTooLarge              ID = "ingest.framework_too_large"               // 框架JSON文件超过{limit}：一个指标框架通常只有几百个指标（约100 KB），请检查是否选错了文件
	IngestJSONValueTooLong               ID = "ingest.json_value_too_long"               // 第{line}行附近的一个值超过{limit}，文件未再往下读取：多半是某个字符串的右引号"缺失，其后的内容都被当成了这一个字符串
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
	WebVerifyColDetail          ID = "web.verify.col.detail"           // 说明
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
	WebVerifyCheckAggregation   ID = "web.verify.check.aggregation"    // 汇总方法由 evalbench calc 复算
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
	WebSigninLinkGone       ID = "web.signinlink.gone"        // 此登录链接已使用、已过期或不存在。请用密码登录，或向管理员索取新链接。
	CLIDemoWorkbench        ID = "cli.demo.workbench"         // 打开工作台（一键以{name}身份登录，进入委托项目列表）：
	CLIDemoReviewer         ID = "cli.demo.reviewer"          // 验收人（{name}）的一次性登录链接，请在另一个浏览器或隐私窗口中打开：
	CLIDemoOnce             ID = "cli.demo.once"              // 每个链接只能使用一次，{hours}小时内有效；再次运行 make run 会打印新的链接。
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
	WebRunFailedReason      ID = "web.run.failed_reason"      // 运行失败：{reason}
	WebRunCancelledReason   ID = "web.run.cancelled_reason"   // 运行已取消：{reason}
	WebRunProgress          ID = "web.run.progress"           // 运行进度
	WebRunPercent           ID = "web.run.percent"            // 已完成{percent}%
	WebRunLive              ID = "web.run.live"               // 进度随运行实时更新。
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
	WebRunCancelRequested   ID = "web.run.cancel_requested"   // 已请求取消：运行将在当前阶段结束时停止。
)

// The run page's panel with the previous period, awards and carried rectification items, and the
// award names (issue 12: the plan's remaining rules, lines 3452–3494).
const (
	WebRunPanel                ID = "web.run.panel"                  // 与上一评价期{previous}的比较
	WebRunColPreviousComposite ID = "web.run.col.previous_composite" // 上期综合得分
	WebRunColDeltaScore        ID = "web.run.col.delta_score"        // 得分变化
	WebRunColPreviousRank      ID = "web.run.col.previous_rank"      // 上期排名
	WebRunColDeltaRank         ID = "web.run.col.delta_rank"         // 名次变化（上升为正）
	WebRunAwards               ID = "web.run.awards"                 // 奖项
	WebRunRectifications       ID = "web.run.rectifications"         // 以往评价期整改事项{count}项，至期末已整改并验收{audited}项
	AwardRankRise              ID = "award.rank_rise"                // 进位显著奖
	AwardRectification         ID = "award.rectification"            // 意见整改成效显著奖
)

// The weight adjustment, framework diff, run form and report preview pages (issue 13).
const (
	WebWsadjTitle               ID = "web.wsadj.title"                 // 调整权重
	WebWsadjCaption             ID = "web.wsadj.caption"               // 移动一个局部权重（同级其余权重按原比例分配剩余部分），保存前先看各单位综合得分、排名和等次与已保存版本的对比。
	WebWsadjCriterion           ID = "web.wsadj.criterion"             // 要调整的权重
	WebWsadjCriterionOption     ID = "web.wsadj.criterion_option"      // {node} › {child}（当前 {weight}）
	WebWsadjWeight              ID = "web.wsadj.weight"                // 新的局部权重（0 至 1，不含 1）
	WebWsadjReason              ID = "web.wsadj.reason"                // 调整理由（保存时必填，记入审计日志）
	WebWsadjPreview             ID = "web.wsadj.preview"               // 预览
	WebWsadjSave                ID = "web.wsadj.save"                  // 保存为新版本
	WebWsadjPreviewTitle        ID = "web.wsadj.preview_title"         // 调整预览（未保存）
	WebWsadjMoves               ID = "web.wsadj.moves"                 // {node} › {child} 的局部权重：{before} → {after}
	WebWsadjBasisRun            ID = "web.wsadj.basis_run"             // 按运行{number}的数据和配置（含等次划分）计算，不含不确定性分析。
	WebWsadjBasisDataset        ID = "web.wsadj.basis_dataset"         // 按数据集{number}和默认配置计算（尚无成功运行，故无等次划分）。
	WebWsadjColUnit             ID = "web.wsadj.col.unit"              // 单位
	WebWsadjColSavedScore       ID = "web.wsadj.col.saved_score"       // 已保存版本得分
	WebWsadjColScore            ID = "web.wsadj.col.score"             // 调整后得分
	WebWsadjColSavedRank        ID = "web.wsadj.col.saved_rank"        // 已保存版本排名
	WebWsadjColRank             ID = "web.wsadj.col.rank"              // 调整后排名
	WebWsadjColSavedGrade       ID = "web.wsadj.col.saved_grade"       // 已保存版本等次
	WebWsadjColGrade            ID = "web.wsadj.col.grade"             // 调整后等次
	WebWsadjColMoved            ID = "web.wsadj.col.moved"             // 名次变化
	WebWsadjRanking             ID = "web.wsadj.ranking"               // 各单位的得分、排名和等次
	WebWsadjSwaps               ID = "web.wsadj.swaps"                 // 相邻单位互换所需的最小权重变化
	WebWsadjSwapsCaption        ID = "web.wsadj.swaps_caption"         // 在调整后的权重上，该权重再变化多少时相邻两个单位的综合得分相等（超过即互换名次）。
	WebWsadjColPair             ID = "web.wsadj.col.pair"              // 相邻单位（上 / 下）
	WebWsadjColGap              ID = "web.wsadj.col.gap"               // 得分差
	WebWsadjColDelta            ID = "web.wsadj.col.delta"             // 权重变化
	WebWsadjColAt               ID = "web.wsadj.col.at"                // 相等时的权重
	WebWsadjNoSwap              ID = "web.wsadj.no_swap"               // 在 0–1 范围内不会互换
	WebWsadjNonlinear           ID = "web.wsadj.nonlinear"             // 注意：综合得分与该权重并非严格线性关系（截断或缺失值重新归一），互换阈值为近似值。
	WebWsadjGlobal              ID = "web.wsadj.global"                // 指标全局权重的变化
	WebWsadjNoteIncomplete      ID = "web.wsadj.note.incomplete"       // 此权重方案尚未得出完整权重，暂无可调整的权重。
	WebWsadjNoteNoData          ID = "web.wsadj.note.no_data"          // 本项目尚无数据，无法计算排名。
	WebWsadjNoteNotScored       ID = "web.wsadj.note.not_scored"       // 无法用当前数据计算各单位得分。
	WebWsadjFieldCriterion      ID = "web.wsadj.field.criterion"       // 请选择要调整的权重。
	WebWsadjFieldWeight         ID = "web.wsadj.field.weight"          // 新的局部权重须在 0 到 1 之间（不含 1）。
	WebWsadjFieldReason         ID = "web.wsadj.field.reason"          // 请填写调整理由。
	WebWsadjConflict            ID = "web.wsadj.conflict"              // 此权重方案目前不能调整（项目已发布或已验收、框架已修改，或权重尚不完整）。
	WebWsadjHistory             ID = "web.wsadj.history"               // 版本历史
	WebWsadjHistoryCaption      ID = "web.wsadj.history_caption"       // 同一方案的各版本：每次调整生成新版本，原版本保持不变；调整记录在审计日志中。
	WebWsadjColSet              ID = "web.wsadj.col.set"               // 版本
	WebWsadjColAdjustment       ID = "web.wsadj.col.adjustment"        // 本版本的调整
	WebWsadjColCreated          ID = "web.wsadj.col.created"           // 创建时间
	WebWsadjAdjustmentText      ID = "web.wsadj.adjustment_text"       // {node} › {child} 调为 {weight}：{reason}（调整人 {by}）
	WebWsadjOriginal            ID = "web.wsadj.original"              // 初始版本
	WebWsadjCurrent             ID = "web.wsadj.current"               // （本页）
	WebWsadjNeedExpert          ID = "web.wsadj.need_expert"           // 调整权重须由持有专家角色的成员进行。
	WebFwdiffTitle              ID = "web.fwdiff.title"                // 与上一版本（框架{number}）的差异
	WebFwdiffFirst              ID = "web.fwdiff.first"                // 这是本项目的第一个框架版本，没有可比较的上一版本。
	WebFwdiffNone               ID = "web.fwdiff.none"                 // 与上一版本相比，指标没有变化。
	WebFwdiffAdded              ID = "web.fwdiff.added"                // 新增
	WebFwdiffRemoved            ID = "web.fwdiff.removed"              // 删除
	WebFwdiffChanged            ID = "web.fwdiff.changed"              // 修改
	WebFwdiffColIndicator       ID = "web.fwdiff.col.indicator"        // 指标
	WebFwdiffColChange          ID = "web.fwdiff.col.change"           // 变化
	WebFwdiffColField           ID = "web.fwdiff.col.field"            // 项目
	WebFwdiffColBefore          ID = "web.fwdiff.col.before"           // 上一版本
	WebFwdiffColAfter           ID = "web.fwdiff.col.after"            // 本版本
	WebFwdiffFieldName          ID = "web.fwdiff.field.name"           // 名称
	WebFwdiffFieldParent        ID = "web.fwdiff.field.parent"         // 所属节点
	WebFwdiffFieldWeight        ID = "web.fwdiff.field.weight"         // 权重
	WebFwdiffFieldPolarity      ID = "web.fwdiff.field.polarity"       // 极性
	WebFwdiffFieldUnit          ID = "web.fwdiff.field.unit"           // 计量单位
	WebFwdiffFieldBaseline      ID = "web.fwdiff.field.baseline"       // 基期值
	WebFwdiffFieldTarget        ID = "web.fwdiff.field.target"         // 目标
	WebFwdiffFieldAnnualTargets ID = "web.fwdiff.field.annual_targets" // 年度目标
	WebRunsSurveys              ID = "web.runs.surveys"                // 问卷调查（选填）
	WebRunsSurveyOption         ID = "web.runs.survey_option"          // 调查 {code}：{name}
	WebRunsConfigFrom           ID = "web.runs.config_from"            // 运行配置
	WebRunsConfigDefault        ID = "web.runs.config_default"         // 默认配置（无等次划分）
	WebRunsConfigCopy           ID = "web.runs.config_copy"            // 复制运行{number}的配置（等次划分等）
	WebRunsConfigJSON           ID = "web.runs.config_json"            // 或在此编辑配置（JSON；填写后优先于上面的选择）
	WebRunsConfigBadJSON        ID = "web.runs.config_bad_json"        // 运行配置不是有效的 JSON：{detail}
	WebRunsFieldWeightSet       ID = "web.runs.field.weight_set"       // 请选择本项目的一个权重方案。
	WebRunsFieldDatasets        ID = "web.runs.field.datasets"         // 请选择至少一个已冻结的数据集（每个只选一次）。
	WebRunsFieldSurveys         ID = "web.runs.field.surveys"          // 所选问卷调查不能用于本次运行。
	WebRunsFieldPrevious        ID = "web.runs.field.previous"         // 上期运行须为本项目已成功完成的运行。
	WebRunsFieldConfig          ID = "web.runs.field.config"           // 运行配置中此项无效。
	WebRunsFieldOther           ID = "web.runs.field.other"            // 此项无效。
	WebRunsColField             ID = "web.runs.col.field"              // 项目
	WebRunsColProblem           ID = "web.runs.col.problem"            // 问题
	WebRunsDetail               ID = "web.runs.detail"                 // 详情
	WebRunPreviewReport         ID = "web.run.preview_report"          // 预览报告（未发布，仅本项目成员可见）
	WebWsadjRoot                ID = "web.wsadj.root"                  // 总体（四个维度）
	WebFwdiffFieldTargetKind    ID = "web.fwdiff.field.target_kind"    // 目标类型
	WebFwdiffFieldKind          ID = "web.fwdiff.field.kind"           // 节点类型
	WebFwdiffJump               ID = "web.fwdiff.jump"                 // 与上一版本的差异
	WebRunPreviewBanner         ID = "web.run.preview_banner"          // 预览稿：此报告尚未发布、未签名，不是正式报告。
	WebRunPreviewNotReady       ID = "web.run.preview_not_ready"       // 此运行尚未成功完成，没有可预览的报告。
)

// Run configuration of issue 16 (aggregation, judgment-level Monte Carlo, global sensitivity,
// diagnostics) and the diagnostics' notes; the engine's problems record the run_config.* ids
// (INVENTORY.md).
const (
	RunConfigAggregationMethod        ID = "run_config.aggregation_method"          // 聚合方法须为 weighted-sum、geometric、topsis、vikor、promethee2 或 gra（收到“{method}”）
	RunConfigAggregationV             ID = "run_config.aggregation_v"               // v 为 VIKOR 的群体效用权重，取值于[0, 1]
	RunConfigAggregationRho           ID = "run_config.aggregation_rho"             // rho 为灰色关联分辨系数，取值于(0, 1]
	RunConfigAggregationFunction      ID = "run_config.aggregation_function"        // 偏好函数只用于 promethee2
	RunConfigAggregationFailed        ID = "run_config.aggregation_failed"          // {method}无法汇总本次运行的得分：{error}
	RunConfigJudgmentSteps            ID = "run_config.judgment_steps"              // judgment_steps 取值于0—{max}
	RunConfigJudgmentScale            ID = "run_config.judgment_scale"              // 未知的判断标度“{scale}”
	RunConfigJudgmentNeedsAHP         ID = "run_config.judgment_needs_ahp"          // 判断层面的不确定性分析须使用由层次分析法判断矩阵导出的权重集（本次运行为{method}）
	RunConfigMonteCarloNoSample       ID = "run_config.monte_carlo_no_sample"       // 蒙特卡洛模拟没有可计算的样本（剔除{rejected}个）
	RunConfigSensitivitySamples       ID = "run_config.sensitivity_samples"         // samples 取值于2—{max}
	RunConfigSensitivitySeed          ID = "run_config.sensitivity_seed"            // 种子不超过2^53，以便规范化 JSON 精确记录
	RunConfigSensitivityResamples     ID = "run_config.sensitivity_resamples"       // resamples 取值于0—{max}
	RunConfigSensitivityLevels        ID = "run_config.sensitivity_levels"          // 各水平须为{allowed}中互不相同的值（收到“{level}”）
	RunConfigSensitivityWeightNoise   ID = "run_config.sensitivity_weight_noise"    // weight_noise 为大于0的狄利克雷集中度，0表示不扰动
	RunConfigSensitivityWeightSetName ID = "run_config.sensitivity_weight_set_name" // 备选权重集须有名称
	RunConfigSensitivityNoFactor      ID = "run_config.sensitivity_no_factor"       // 敏感性分析至少需要一个有两个水平的因子或一项扰动设置
	RunConfigSensitivityTooLarge      ID = "run_config.sensitivity_too_large"       // 样本数×（因子数+2）×单位数不超过{max}
	RunConfigDiagnosticsCollinear     ID = "run_config.diagnostics_collinear"       // collinear 为(0, 1]内的相关系数
	RunConfigDiagnosticsNegative      ID = "run_config.diagnostics_negative"        // negative 为[−1, 0)内的相关系数
	RunConfigDiagnosticsAvailability  ID = "run_config.diagnostics_availability"    // availability 为(0, 1]内的比例
	DiagnosticsNoteTooFewIndicators   ID = "diagnostics.note.too_few_indicators"    // 少于两个指标对所有单位都有不同的得分，未计算相关、α 与主成分
	DiagnosticsNoteCorrelationFailed  ID = "diagnostics.note.correlation_failed"    // 相关矩阵无法计算
	DiagnosticsNoteAlphaFailed        ID = "diagnostics.note.alpha_failed"          // α 无法计算
	DiagnosticsNotePCAFailed          ID = "diagnostics.note.pca_failed"            // 主成分分析无法计算
	DiagnosticsNoteTooFewValues       ID = "diagnostics.note.too_few_or_constant"   // 少于四个数值或数值恒定，未检查异常值
)

// The aggregation check of evalbench verify (cmd/evalbench/verify_aggregation.go).
const (
	VerifyAggregationPass     ID = "verify.aggregation_pass"      // evalbench calc {method}按记录的请求重算，得到记录的{count}个{output}值
	VerifyAggregationRefused  ID = "verify.aggregation_refused"   // evalbench calc {method}拒绝记录的请求：{error}
	VerifyAggregationNoValues ID = "verify.aggregation_no_values" // evalbench calc {method}的结果中没有{output}值
	VerifyAggregationCount    ID = "verify.aggregation_count"     // evalbench calc {method}给出{count}个{output}值，结果记录了{recorded}个
	VerifyAggregationValue    ID = "verify.aggregation_value"     // evalbench calc {method}给出{output}[{index}] = {value}，结果记录为{recorded}
)

// API problem details and request-field problems (api/)
const (
	ProblemDetailNotFound           ID = "problem.detail.not_found"           // 此地址没有内容，或您无权查看
	ProblemDetailConflict           ID = "problem.detail.conflict"            // 请求与该对象的当前状态冲突
	ProblemDetailValidation         ID = "problem.detail.validation"          // 请求内容不符合要求
	ProblemDetailUnavailable        ID = "problem.detail.unavailable"         // 服务暂时无法连接数据库，请几秒后重试
	ProblemDetailProblems           ID = "problem.detail.problems"            // 请求中有{total}处问题，逐项见errors
	ProblemDetailInvalidRequest     ID = "problem.detail.invalid_request"     // 请求无效
	ProblemDetailTooLarge           ID = "problem.detail.too_large"           // 请求内容超过{limit}字节
	ProblemDetailRateLimitedToken   ID = "problem.detail.rate_limited_token"  // 该令牌的请求过于频繁，请放慢速度
	ProblemDetailRateLimitedClient  ID = "problem.detail.rate_limited_client" // 来自该地址的请求过于频繁，请放慢速度
	ProblemDetailMethodNotAllowed   ID = "problem.detail.method_not_allowed"  // 该路径只接受{methods}请求
	ProblemDetailBodyRequired       ID = "problem.detail.body_required"       // 请求须有JSON正文
	ProblemDetailJSONSyntax         ID = "problem.detail.json_syntax"         // JSON格式错误（第{offset}字节）：{error}
	ProblemDetailJSONMalformed      ID = "problem.detail.json_malformed"      // JSON格式错误：{error}
	ProblemDetailJSONTrailing       ID = "problem.detail.json_trailing"       // JSON正文之后有多余数据
	ProblemDetailBodyUnreadable     ID = "problem.detail.body_unreadable"     // 读取请求正文失败
	ProblemDetailMultipartMalformed ID = "problem.detail.multipart_malformed" // multipart表单格式错误：{error}
	ProblemDetailMultipartNoFile    ID = "problem.detail.multipart_no_file"   // multipart正文中没有名为“file”的部分
	ProblemDetailUploadUnreadable   ID = "problem.detail.upload_unreadable"   // 读取上传文件失败：{error}
	ProblemDetailUploadStalled      ID = "problem.detail.upload_stalled"      // 上传中断超过{idle}或总时长超过{total}，未保存任何内容
	ProblemDetailNoPDF              ID = "problem.detail.no_pdf"              // 本服务器无法生成PDF（未安装Debian的chromium软件包）；HTML报告可在任何浏览器中打印为PDF
	ProblemDetailEnvelopeRequired   ID = "problem.detail.envelope_required"   // 请以请求正文或multipart表单的envelope部分发送已签名的报告（report.dsse.json）
	ProblemFieldJSONType            ID = "problem.field.json_type"            // 此处应为{expected}，实际为JSON {found}
	ProblemFieldUnknown             ID = "problem.field.unknown"              // 无法识别的字段
	ProblemFieldBodyObject          ID = "problem.field.body_object"          // 请求正文须为JSON对象
	ProblemFieldInteger             ID = "problem.field.integer"              // {name}须为整数
	ProblemFieldLimitRange          ID = "problem.field.limit_range"          // limit须在1至{max}之间
	ProblemFieldAfter               ID = "problem.field.after"                // after须为序号（不小于0的整数）
	ProblemFieldBoolean             ID = "problem.field.boolean"              // {name}须为true或false
	ProblemFieldExportFormat        ID = "problem.field.export_format"        // format须为json、csv、tsv或xlsx
	ProblemFieldKey                 ID = "problem.field.key"                  // 公钥无法识别：{error}
)

// Import errors added when the importers were converted (evaluation/ingest, evaluation/imports.go)
const (
	IngestPeriodInvalid               ID = "ingest.period_invalid"                 // 期间“{period}”无法识别：应为年份（2016）、半年（2016-H1）、季度（2016-Q3）或月份（2017-09）{hint}
	IngestQuoteUnclosed               ID = "ingest.quote_unclosed"                 // 带引号的字段缺少右引号，或右引号之后还有文字
	IngestCSVError                    ID = "ingest.csv_error"                      // CSV格式错误：{error}
	IngestWorkbookLimit               ID = "ingest.workbook_limit"                 // 工作簿超出限制{limit} = {max}（{part}：{what}），请拆分文件或请管理员提高限制
	IngestFileProblems                ID = "ingest.file_problems"                  // 文件有问题
	IngestObservationFileProblems     ID = "ingest.observation_file_problems"      // 数据文件有问题
	IngestResponseFileProblems        ID = "ingest.response_file_problems"         // 问卷答复文件有问题
	IngestFrameworkFileProblems       ID = "ingest.framework_file_problems"        // 指标体系文件有问题
	IngestNotImported                 ID = "ingest.not_imported"                   // 文件“{file}”未导入，未保存任何内容
	IngestObservationNotObject        ID = "ingest.observation_not_object"         // 每条观测值须为JSON对象
	IngestObservationShape            ID = "ingest.observation_shape"              // JSON数据文件须为由观测值对象组成的数组，或{"observations": [...]}
	IngestResponseNotObject           ID = "ingest.response_not_object"            // 每条答复须为JSON对象
	IngestResponseShape               ID = "ingest.response_shape"                 // JSON答复文件须为由答复对象组成的数组，或{"responses": [...]}
	IngestJSONUnknownTopKey           ID = "ingest.json_unknown_top_key"           // 无法识别的键；{shape}
	IngestJSONEmpty                   ID = "ingest.json_empty"                     // JSON文件为空或不完整（提前结束）
	IngestFrameworkUnknownField       ID = "ingest.framework.unknown_field"        // 无法识别的字段{field}（指标体系文件包含title、plan_start、plan_end和dimensions）
	IngestFrameworkJSONUnreadable     ID = "ingest.framework.json_unreadable"      // JSON指标体系文件无法读取：{error}
	IngestFrameworkJSONTrailing       ID = "ingest.framework.json_trailing"        // 指标体系的JSON对象之后有多余数据
	IngestFrameworkPlanUnknown        ID = "ingest.framework.plan_unknown"         // 规划期未知：请添加target_YYYY列（target_2016 … target_2020）或给出规划期
	IngestFrameworkColumns            ID = "ingest.framework.columns"              // {before}、各年的target_YYYY、{after}
	IngestFrameworkTargetNothingAfter ID = "ingest.framework.target_nothing_after" // “ | ”之后没有内容：请在其后填写目标表述，或删去分隔符
	IngestFrameworkCaliberNotesError  ID = "ingest.framework.caliber_notes_error"  // caliber_notes须为JSON数组，元素形如{"year", "original", "restated", "reason"}：{error}
	IngestCellText                    ID = "ingest.cell_text"                      // 该单元格{reason}
	IngestJSONText                    ID = "ingest.json_text"                      // 该文字{reason}
	IngestSheetNameText               ID = "ingest.sheet_name_text"                // 工作表名称{reason}
)

// Survey response scores (evaluation/ingest/responses.go)
const (
	IngestScoreNotLabel    ID = "ingest.score_not_label"    // 不是量表的选项，应为{allowed}
	IngestScoreNotNumber   ID = "ingest.score_not_number"   // {reason}，分值应为{allowed}
	IngestScoreOutside     ID = "ingest.score_outside"      // 超出量表范围，分值应为{allowed}
	IngestScoreNotCategory ID = "ingest.score_not_category" // 不是量表中的分值，应为{allowed}
)

// Questionnaire exports read as sheets (evaluation/ingest/sheet.go)
const (
	IngestSheetNotJSON ID = "ingest.sheet_not_json" // 问卷导出文件须为CSV、TSV或XLSX表格（每位答卷人一行），不能是JSON
)

// Questionnaire intake: AHP judgments from survey exports (evaluation/surveyintake.go)
const (
	IntakeNotImported         ID = "intake.not_imported"         // 问卷未导入，未保存任何内容
	IntakeMapRequired         ID = "intake.map_required"         // 须提供列映射（JSON：columns、respondent、name、labels、revise）
	IntakeMapShape            ID = "intake.map_shape"            // 列映射不是符合格式的JSON对象：{error}
	IntakeMapTrailing         ID = "intake.map_trailing"         // 列映射的JSON对象之后有多余数据
	IntakeNoRespondent        ID = "intake.no_respondent"        // 文件中没有答卷人所在的行
	IntakeNoColumn            ID = "intake.no_column"            // 列映射未指定任何列
	IntakeHeadingRequired     ID = "intake.heading_required"     // 须填写列标题
	IntakeSameColumn          ID = "intake.same_column"          // 与columns[{index}]映射到同一列
	IntakeNodeUnknown         ID = "intake.node_unknown"         // 指标体系中没有该节点，或该节点的下级少于两个
	IntakeNotAChild           ID = "intake.not_a_child"          // 不是节点{node}的下级（其下级为{children}）
	IntakeSameChild           ID = "intake.same_child"           // 一对比较须为两个不同的下级
	IntakeSamePair            ID = "intake.same_pair"            // 与columns[{index}]映射到同一对比较
	IntakeLabelScale          ID = "intake.label_scale"          // 该标签的值不在−9…−1、1…9的有符号标度上
	IntakeReviseMax           ID = "intake.revise_max"           // max须为0（不限次数）或正数
	IntakeHeadingMissing      ID = "intake.heading_missing"      // 文件中没有该标题的列
	IntakeRespondentRequired  ID = "intake.respondent_required"  // 未填写答卷人
	IntakeRespondentKey       ID = "intake.respondent_key"       // 答卷人标识只能包含字母、数字及“_”“.”“-”（最多62个字符）
	IntakeRespondentDuplicate ID = "intake.respondent_duplicate" // 与第{row}行的答卷人相同
	IntakeNotOnScale          ID = "intake.not_on_scale"         // 既不是−9…9有符号标度上的数字，也不是已知标签（同等重要、左稍微重要、右明显重要、介于稍微重要与明显重要之间……，列映射的labels可增加其他标签）
	IntakeNoSide              ID = "intake.no_side"              // 标签未说明哪一侧更重要：请写作“左…”或“右…”（或填写有符号数字）
	IntakeNotConnected        ID = "intake.not_connected"        // 节点{node}：已回答的比较未能连通全部{count}个下级，无法补全空白项（Harker法要求比较相互连通）
	IntakeNodeProblem         ID = "intake.node_problem"         // 节点{node}：{reason}
)

// Imports (evaluation/imports.go, evaluation/surveys.go)
const (
	ImportNoResponses ID = "import.no_responses" // 文件中没有任何答复
)

// Duplicate rows found where imports are stored (store/)
const (
	ImportDuplicateObservation     ID = "import.duplicate_observation"      // 重复：第{first}行已给出指标{indicator}、单位{unit}、期间{period}的数值
	ImportDuplicateResponse        ID = "import.duplicate_response"         // 重复：第{first}行已给出该评价人在{group}中对单位{unit}第{item}题的评分
	ImportDuplicateResponseEarlier ID = "import.duplicate_response_earlier" // 重复：第{number}次导入（第{row}行）已给出该评价人在{group}中对单位{unit}第{item}题的评分
)

// The command line (cmd/evalbench): chosen by --lang, else LC_ALL, LC_MESSAGES or LANG
const (
	CLILangFlag                 ID = "cli.lang_flag"                   // 命令输出的语言：zh（中文，默认）或en（English）；未指定时按LC_ALL、LC_MESSAGES、LANG
	CLIError                    ID = "cli.error"                       // evalbench出错：{error}
	CLIVerifyReport             ID = "cli.verify.report"               // 报告{id}，第{version}版
	CLIVerifyKey                ID = "cli.verify.key"                  // 签名密钥指纹{key}（{source}）
	CLIVerifyKeySourceEmbedded  ID = "cli.verify.key_source.embedded"  // 报告内嵌的密钥
	CLIVerifyKeySourceGiven     ID = "cli.verify.key_source.given"     // 指定的密钥
	CLIVerifyKeySourceInstitute ID = "cli.verify.key_source.institute" // 评估机构公布的密钥
	CLIVerifyDigest             ID = "cli.verify.digest"               // report.json的SHA-256摘要{digest}
	CLIVerifyStatusPass         ID = "cli.verify.status.pass"          // 通过
	CLIVerifyStatusFail         ID = "cli.verify.status.fail"          // 未通过
	CLIVerifyStatusSkipped      ID = "cli.verify.status.skipped"       // 跳过
	CLIVerifyCheck              ID = "cli.verify.check"                // {title}。说明：{detail}
	CLIVerifyWhere              ID = "cli.verify.where"                // （位置：{where}）
	CLIVerifyNoteEmbedded       ID = "cli.verify.note_embedded"        // 注意：签名是用报告内嵌的密钥核验的，请将其指纹与评估机构公布的密钥比对，或使用--key-file
	CLIVerifyPass               ID = "cli.verify.pass"                 // PASS（验证通过：签名有效，数据完整，结果可复算）
	CLIVerifyFail               ID = "cli.verify.fail"                 // FAIL（验证未通过：见上列未通过的检查）
	CLIVerifyFailed             ID = "cli.verify.failed"               // 验证未通过：{checks}
	CLIAuditPass                ID = "cli.audit.pass"                  // PASS：{entries}条审计记录，哈希链完整，链头{head}
	CLIAuditAnchored            ID = "cli.audit.anchored"              // ；已核对{count}个检查点，第1—{anchored}条记录有检查点担保
	CLIAuditUnanchored          ID = "cli.audit.unanchored"            // ；没有检查点为其担保（截去尾部并回退链头将无法察觉）
	CLIAuditFailEntry           ID = "cli.audit.fail_entry"            // FAIL：第{entry}条记录：{reason}
	CLIAuditFail                ID = "cli.audit.fail"                  // FAIL：核验未通过，{reason}
	CLIAuditBroken              ID = "cli.audit.broken"                // 审计链在第{entry}条记录处断开
	CLIAuditCheckpointsWritten  ID = "cli.audit.checkpoints_written"   // 已将{count}个检查点写入{file}
	CLIImportProblems           ID = "cli.import.problems"             // {summary}：{total}处问题
	CLIImportColumn             ID = "cli.import.column"               // {column}列
	CLIImportMore               ID = "cli.import.more"                 // ……另有{count}处问题未列出
	CLIImportNothing            ID = "cli.import.nothing"              // 未导入任何内容
	CLIRunNotCreated            ID = "cli.run.not_created"             // 未创建运行
	CLICalcNotComputed          ID = "cli.calc.not_computed"           // 未计算
	CLIImportFramework          ID = "cli.import.framework"            // 指标体系第{number}版（{id}）：{indicators}个指标，摘要{digest}
	CLIImportDryRun             ID = "cli.import.dry_run"              // 试导入：将保存{rows}行（{format}，{encoding}），本次未保存任何内容
	CLIImportExisting           ID = "cli.import.existing"             // 此前已导入：数据集第{number}版（{id}），sha256 {sha256}
	CLIImportDataset            ID = "cli.import.dataset"              // 数据集第{number}版（{id}）：{rows}行，{format} {encoding}，sha256 {sha256}
	CLIRunQueued                ID = "cli.run.queued"                  // 第{number}次运行（{id}）已排队
	CLIRunSucceeded             ID = "cli.run.succeeded"               // 第{number}次运行已完成，结果摘要{digest}
	CLIRunDigest                ID = "cli.run.digest"                  // 结果摘要{digest}
	CLIMigrateUpToDate          ID = "cli.migrate.up_to_date"          // 数据库已是最新版本
	CLIMigrateApplied           ID = "cli.migrate.applied"             // 已执行迁移{migration}
	CLITokenShownOnce           ID = "cli.token.shown_once"            // 用户{user}的令牌{id}仅显示这一次，请立即保存
	CLIUserLink                 ID = "cli.user.link"                   // 给{name}（{id}）的一次性链接，有效期至{until}；使用后以“{login}”身份登录
	CLIUserSessionsEnded        ID = "cli.user.sessions_ended"         // 已结束{name}的{count}个会话
	CLIDemoLoading              ID = "cli.demo.loading"                // 正在加载示例委托项目（首次加载将导入、计算并发布，之后复用）……
	CLIDemoServing              ID = "cli.demo.serving"                // evalbench已在{url}提供示例
	CLIDemoOpenAPI              ID = "cli.demo.openapi"                // （OpenAPI接口文档：{url}）
	CLIDemoLabelAPI             ID = "cli.demo.label.api"              // 接口
	CLIDemoLabelToken           ID = "cli.demo.label.token"            // 令牌
	CLIDemoTokenUser            ID = "cli.demo.token_user"             // 示例的评估人员（{user}）
	CLIDemoLabelKeys            ID = "cli.demo.label.keys"             // 公钥
	CLIDemoLabelSignIn          ID = "cli.demo.label.sign_in"          // 登录
	CLIDemoReviewerLink         ID = "cli.demo.reviewer_link"          // 一次性链接：设置“{name}”（示例的验收审核人）的密码，然后在{url}登录
	CLIDemoSynthetic            ID = "cli.demo.synthetic"              // [合成数据]
	CLIDemoCommission           ID = "cli.demo.commission"             // 委托项目{id}，第{run}次运行，报告第{version}版，摘要{digest}
	CLIDemoLabelVerify          ID = "cli.demo.label.verify"           // 核验
)

// The command line: import problems (cmd/evalbench/import.go)
const (
	CLIImportValue ID = "cli.import.value" // 值“{value}”：{reason}
	CLIImportField ID = "cli.import.field" // 字段{field}：{reason}
)

// The command line: errors (cmd/evalbench)
const (
	CLIErrLogLevel       ID = "cli.err.log_level"       // 日志级别“{level}”无效：请使用debug、info、warn或error
	CLIErrLogFormat      ID = "cli.err.log_format"      // 日志格式“{format}”无效：请使用text或json
	CLIErrMasterKey      ID = "cli.err.master_key"      // 发布报告须用以EVALBENCH_MASTER_KEY加密保存的密钥签名：请设置该变量（32字节，十六进制或base64；`make run`将其保存在.data/master.key）
	CLIErrRunEnded       ID = "cli.err.run_ended"       // 第{number}次运行{status}：{error}
	CLIErrDatabaseURL    ID = "cli.err.database_url"    // 未设置DATABASE_URL（本地PostgreSQL可运行`make db-up`，或使用--database-url）
	CLIErrToken          ID = "cli.err.token"           // 此命令以用户身份执行：请设置EVALBENCH_TOKEN或使用--token（可用`evalbench token create`创建）
	CLIErrWhoseToken     ID = "cli.err.whose_token"     // 请指明令牌所属：--admin，或--user USER_ID
	CLIErrSeveralUsers   ID = "cli.err.several_users"   // 有多个用户为{key}，请用编号指定其中一个：{ids}
	CLIErrEnvelope       ID = "cli.err.envelope"        // 无法读取已签名的报告文件：{error}（请用--envelope report.dsse.json指定）
	CLIErrKeyFileEmpty   ID = "cli.err.key_file_empty"  // --key-file {file}中没有公钥
	CLIErrKeyFingerprint ID = "cli.err.key_fingerprint" // --key-file {file}：密钥{key}的指纹实为{fingerprint}
	CLIErrReportFile     ID = "cli.err.report_file"     // 文件“{file}”无效：请指定report.json、report.dsse.json、report.html或report.pdf
)

// The command line: help (cobra's Short, Long and flag usages, its usage template; cmd/evalbench/help.go)
const (
	CLICmdRootShort                ID = "cli.cmd.root.short"                 // 政府绩效第三方评估：指标体系、数据、权重、运行和签名报告
	CLICmdAuditShort               ID = "cli.cmd.audit.short"                // 审计日志：核验哈希链，签署和导出检查点
	CLICmdAuditVerifyShort         ID = "cli.cmd.audit_verify.short"         // 重算审计日志的哈希链，与已签名的检查点核对，并指出第一处断裂
	CLICmdAuditVerifyLong          ID = "cli.cmd.audit_verify.long"          // 重算审计日志的哈希链并指出第一条断裂的记录，检查存储的链头是否为链的末端， 并用已签名的检查点核对哈希链：数据库中存储的…
	CLICmdAuditCheckpointShort     ID = "cli.cmd.audit_checkpoint.short"     // 用评估机构的密钥为审计链的链头签署检查点（例如每天运行一次；发布报告时也会签署一个）
	CLICmdAuditCheckpointsShort    ID = "cli.cmd.audit_checkpoints.short"    // 导出存储的检查点（即GET /api/v1/audit/checkpoints的JSON），保存在数据库之外
	CLICmdCalcShort                ID = "cli.cmd.calc.short"                 // 计算一种统计方法：从标准输入读取JSON请求，向标准输出写出JSON结果
	CLICmdCalcLong                 ID = "cli.cmd.calc.long"                  // 可用的方法：{methods}。请求和响应的格式见docs/methods.md；同样的请求体也可用于POST /api…
	CLICmdDemoShort                ID = "cli.cmd.demo.short"                 // 加载、运行并发布两个示例委托项目（可重复执行），打印其链接和一个令牌；加--serve则随后提供服务
	CLICmdDemoLong                 ID = "cli.cmd.demo.long"                  // 通过与用户导入相同的服务调用，加载examples/jianggan（江干区中期评估，真实数据）和examples/su…
	CLICmdImportShort              ID = "cli.cmd.import.short"               // 从文件（CSV、XLSX、JSON）导入指标体系或观测数据
	CLICmdImportFrameworkShort     ID = "cli.cmd.import_framework.short"     // 将指标体系导入为委托项目的下一版指标体系
	CLICmdImportDataShort          ID = "cli.cmd.import_data.short"          // 将观测数据导入为新的数据集版本（要么全部导入，要么全不导入；列出每一处错误）
	CLICmdMigrateShort             ID = "cli.cmd.migrate.short"              // 执行尚未执行的数据库迁移
	CLICmdReportShort              ID = "cli.cmd.report.short"               // 发布运行的签名报告并下载报告文件
	CLICmdReportPublishShort       ID = "cli.cmd.report_publish.short"       // 发布一次成功运行的签名报告（委托项目须处于审核中）
	CLICmdReportGetShort           ID = "cli.cmd.report_get.short"           // 写出报告的一个文件：report.dsse.json（默认）、report.json、report.html或repor…
	CLICmdReportListShort          ID = "cli.cmd.report_list.short"          // 列出委托项目的报告
	CLICmdRunShort                 ID = "cli.cmd.run.short"                  // 启动、跟踪和查看评估运行
	CLICmdRunCreateShort           ID = "cli.cmd.run_create.short"           // 按JSON请求（evaluation.RunRequest）将一次运行排队；加--wait则在本进程中计算并显示进度
	CLICmdRunShowShort             ID = "cli.cmd.run_show.short"             // 显示运行的状态
	CLICmdRunResultShort           ID = "cli.cmd.run_result.short"           // 打印一次成功运行的结果文档（规范JSON）
	CLICmdServeShort               ID = "cli.cmd.serve.short"                // 执行数据库迁移并提供HTTP接口
	CLICmdTokenShort               ID = "cli.cmd.token.short"                // 签发、列出和撤销API令牌
	CLICmdTokenCreateShort         ID = "cli.cmd.token_create.short"         // 签发令牌并只打印这一次（--admin用于创建首个平台管理员）
	CLICmdTokenListShort           ID = "cli.cmd.token_list.short"           // 列出你的令牌（EVALBENCH_TOKEN）
	CLICmdTokenRevokeShort         ID = "cli.cmd.token_revoke.short"         // 撤销一个令牌
	CLICmdUserShort                ID = "cli.cmd.user.short"                 // 为用户生成一次性的设置密码链接，或结束其会话
	CLICmdUserPasswordShort        ID = "cli.cmd.user_password.short"        // 打印供用户设置密码的一次性链接（72小时后失效）
	CLICmdUserSignoutShort         ID = "cli.cmd.user_signout.short"         // 结束该用户的全部会话（用户须重新登录）
	CLICmdVerifyShort              ID = "cli.cmd.verify.short"               // 离线核验签名报告：签名、输入摘要、结果复算（无需数据库和网络）
	CLICmdVerifyLong               ID = "cli.cmd.verify.long"                // 离线核验签名报告，无需数据库和网络。 REPORT是已签名的信封文件report.dsse.json（其中含report…
	CLICmdWorkerShort              ID = "cli.cmd.worker.short"               // 计算排队中的运行（多个进程可共用队列）
	CLICmdHelpShort                ID = "cli.cmd.help.short"                 // 任一命令的帮助
	CLICmdHelpLong                 ID = "cli.cmd.help.long"                  // 显示本程序任一命令的帮助。 输入{name} help [命令路径]查看完整说明。
	CLICmdCompletionShort          ID = "cli.cmd.completion.short"           // 为指定的shell生成自动补全脚本
	CLICmdCompletionLong           ID = "cli.cmd.completion.long"            // 为指定的shell生成{name}的自动补全脚本。 生成的脚本如何使用，见各子命令的帮助。
	CLICmdCompletionShellShort     ID = "cli.cmd.completion_shell.short"     // 生成{shell}的自动补全脚本
	CLICmdCompletionBashLong       ID = "cli.cmd.completion_bash.long"       // 为bash生成自动补全脚本。 此脚本依赖“bash-completion”软件包。 如尚未安装，可用操作系统的软件包管理…
	CLICmdCompletionZshLong        ID = "cli.cmd.completion_zsh.long"        // 为zsh生成自动补全脚本。 如果你的环境尚未启用shell补全，须先启用。可执行一次： echo "autoload -…
	CLICmdCompletionFishLong       ID = "cli.cmd.completion_fish.long"       // 为fish生成自动补全脚本。 在当前shell会话中加载补全： {name} completion fish | sou…
	CLICmdCompletionPowershellLong ID = "cli.cmd.completion_powershell.long" // 为powershell生成自动补全脚本。 在当前shell会话中加载补全： {name} completion powe…
	CLIFlagDatabaseURL             ID = "cli.flag.database_url"              // PostgreSQL连接地址（环境变量DATABASE_URL）
	CLIFlagLogFormat               ID = "cli.flag.log_format"                // 日志行的格式：text或json（环境变量EVALBENCH_LOG_FORMAT）
	CLIFlagLogLevel                ID = "cli.flag.log_level"                 // 记录日志的最低级别：debug、info、warn或error（环境变量EVALBENCH_LOG_LEVEL）
	CLIFlagHelp                    ID = "cli.flag.help"                      // {command}的帮助
	CLIFlagVersion                 ID = "cli.flag.version"                   // {command}的版本
	CLIFlagNoDescriptions          ID = "cli.flag.no_descriptions"           // 补全时不显示说明
	CLIFlagCheckpointInstitute     ID = "cli.flag.checkpoint_institute"      // 用其密钥签名的评估机构（必填）
	CLIFlagCheckpointsInstitute    ID = "cli.flag.checkpoints_institute"     // 只导出该评估机构的检查点
	CLIFlagOutput                  ID = "cli.flag.output"                    // 写入此文件（默认：标准输出）
	CLIFlagAuditCheckpoints        ID = "cli.flag.audit_checkpoints"         // 检查点文件：导出文件、单个检查点或报告（report.json或report.dsse.json）；可重复指定
	CLIFlagAuditStored             ID = "cli.flag.audit_stored"              // 同时核对数据库中存储的检查点
	CLIFlagAuditKey                ID = "cli.flag.audit_key"                 // 用于核验检查点签名的评估机构公钥（PEM、base64或十六进制）
	CLIFlagAuditKeyFile            ID = "cli.flag.audit_key_file"            // 公钥文件（PEM、base64、十六进制，或GET {keys_url}的JSON）
	CLIFlagAuditJSON               ID = "cli.flag.audit_json"                // 以JSON格式打印结果
	CLIFlagVerifyEnvelope          ID = "cli.flag.verify_envelope"           // REPORT为report.json时，已签名的信封文件（report.dsse.json）
	CLIFlagVerifyKey               ID = "cli.flag.verify_key"                // 评估机构的公钥（PEM、base64或十六进制）
	CLIFlagVerifyKeyFile           ID = "cli.flag.verify_key_file"           // 含公钥的文件（PEM、base64、十六进制，或GET {keys_url}的JSON）
	CLIFlagVerifyJSON              ID = "cli.flag.verify_json"               // 以JSON格式打印各项检查
	CLIFlagServe                   ID = "cli.flag.serve"                     // 随后提供API服务（同`evalbench serve`）
	CLIFlagDemoAddr                ID = "cli.flag.demo_addr"                 // 使用--serve时的监听地址（环境变量EVALBENCH_ADDR）
	CLIFlagTokenFile               ID = "cli.flag.token_file"                // 将示例的令牌保存在此文件中，在有效期内重复使用
	CLIFlagMetricsAddr             ID = "cli.flag.metrics_addr"              // 在此地址上向任何能访问者提供GET /metrics（环境变量EVALBENCH_METRICS_ADDR；off表示不…
	CLIFlagAddr                    ID = "cli.flag.addr"                      // 监听地址（环境变量EVALBENCH_ADDR）
	CLIFlagToken                   ID = "cli.flag.token"                     // 以此令牌的身份执行（环境变量EVALBENCH_TOKEN）
	CLIFlagCommission              ID = "cli.flag.commission"                // 委托项目编号（必填）
	CLIFlagFormat                  ID = "cli.flag.format"                    // 文件格式：csv、tsv、xlsx或json（默认：按文件名或内容判断）
	CLIFlagEncoding                ID = "cli.flag.encoding"                  // CSV的编码：utf-8、gbk或gb18030（默认：自动识别）
	CLIFlagSheet                   ID = "cli.flag.sheet"                     // XLSX工作表（默认：第一个）
	CLIFlagFramework               ID = "cli.flag.framework"                 // 指标体系编号（默认：最新一版）
	CLIFlagDatasetLabel            ID = "cli.flag.dataset_label"             // 数据集版本的标签
	CLIFlagDryRun                  ID = "cli.flag.dry_run"                   // 只校验并报告，不保存任何内容
	CLIFlagRunFile                 ID = "cli.flag.run_file"                  // JSON格式的请求（-表示标准输入）
	CLIFlagWait                    ID = "cli.flag.wait"                      // 在本进程中计算该运行并等待其结束，显示进度条
	CLIFlagWorkers                 ID = "cli.flag.workers"                   // 并发的工作进程数（环境变量EVALBENCH_WORKERS）
	CLIFlagRun                     ID = "cli.flag.run"                       // 运行编号（必填）
	CLIFlagIllustrative            ID = "cli.flag.illustrative"              // 将报告标为示例性质
	CLIFlagReport                  ID = "cli.flag.report"                    // 报告编号（必填）
	CLIFlagReportFile              ID = "cli.flag.report_file"               // 要写出的文件
	CLIFlagAdmin                   ID = "cli.flag.admin"                     // 创建（或沿用）平台管理员用户并签发其令牌
	CLIFlagTokenUser               ID = "cli.flag.token_user"                // 为此编号的用户签发令牌
	CLIFlagTokenName               ID = "cli.flag.token_name"                // 令牌的标签
	CLIFlagTokenListUser           ID = "cli.flag.token_list_user"           // 列出此用户的令牌（限管理员）
	CLIFlagUser                    ID = "cli.flag.user"                      // 用户的编号、电子邮件地址或名称（必填）
	CLIHelpUsage                   ID = "cli.help.usage"                     // 用法：
	CLIHelpAliases                 ID = "cli.help.aliases"                   // 别名：
	CLIHelpExamples                ID = "cli.help.examples"                  // 示例：
	CLIHelpAvailableCommands       ID = "cli.help.available_commands"        // 可用的命令：
	CLIHelpAdditionalCommands      ID = "cli.help.additional_commands"       // 其他命令：
	CLIHelpFlags                   ID = "cli.help.flags"                     // 选项：
	CLIHelpGlobalFlags             ID = "cli.help.global_flags"              // 全局选项：
	CLIHelpAdditionalTopics        ID = "cli.help.additional_topics"         // 其他帮助主题：
	CLIHelpCommandArg              ID = "cli.help.command_arg"               // [命令]
	CLIHelpMore                    ID = "cli.help.more"                      // 运行“{command} [命令] --help”查看命令的详细说明。
	CLIHelpVersion                 ID = "cli.help.version"                   // {name}，版本{version}
	CLIHelpFlagsArg                ID = "cli.help.flags_arg"                 // [选项]
	CLIHelpDefault                 ID = "cli.help.default"                   // （默认：{value}）
)

// The command line: errors that wrap another (cmd/evalbench)
const (
	CLIErrCheckpointsFile       ID = "cli.err.checkpoints_file"        // --checkpoints {file}有误：{error}
	CLIErrNoCheckpoint          ID = "cli.err.no_checkpoint"           // 报告未嵌入审计检查点（它早于检查点功能）
	CLIErrNotCheckpoints        ID = "cli.err.not_checkpoints"         // 既不是检查点，也不是报告
	CLIErrReading               ID = "cli.err.reading"                 // 读取{file}出错：{error}
	CLIErrNoUser                ID = "cli.err.no_user"                 // 没有用户“{user}”（按编号、电子邮件地址或名称查找）
	CLIErrKeyFlag               ID = "cli.err.key_flag"                // --key参数有误：{error}
	CLIErrKeyFile               ID = "cli.err.key_file"                // --key-file {file}有误：{error}
	CLIErrExample               ID = "cli.err.example"                 // 示例{example}：{error}
	CLIErrArgs                  ID = "cli.err.args"                    // {command}需要{want}个参数，实际给出{got}个
	CLIErrUnknownCommand        ID = "cli.err.unknown_command"         // “{command}”没有子命令“{name}”
	CLIErrUnknownCommandSuggest ID = "cli.err.unknown_command_suggest" // “{command}”没有子命令“{name}”，是否要用{suggestions}？
	CLIErrRequiredFlags         ID = "cli.err.required_flags"          // 缺少必填的选项{flags}
	CLIErrUnknownFlag           ID = "cli.err.unknown_flag"            // 未知的选项{flag}
	CLIErrFlagValueRequired     ID = "cli.err.flag_value_required"     // 选项{flag}需要一个值
	CLIErrFlagInvalid           ID = "cli.err.flag_invalid"            // 选项{flag}的值“{value}”无效：{error}
	CLIErrFlagSyntax            ID = "cli.err.flag_syntax"             // 选项格式有误：{flag}
	CLIRunProgress              ID = "cli.run.progress"                // 运行
	CLIHelpUnknownTopic         ID = "cli.help.unknown_topic"          // 没有“{topic}”的帮助
	CLIVerifyFailedCheck        ID = "cli.verify.failed_check"         // 检查{name}：{detail}
	CLIVerifyFailedCheckWhere   ID = "cli.verify.failed_check_where"   // 检查{name}：{detail}（位置：{where}）
)

// The verifier's check details (reports/verify.go)
const (
	VerifySkipped                      ID = "verify.skipped"                        // 未核验：前面的检查未通过
	VerifyEnvelopeInvalid              ID = "verify.envelope_invalid"               // 信封文件无法解析：{error}
	VerifyEnvelopeUnsigned             ID = "verify.envelope_unsigned"              // 信封文件中没有签名
	VerifyEnvelopeOK                   ID = "verify.envelope_ok"                    // DSSE信封，载荷{bytes}字节，签名{signatures}个
	VerifyPayloadTypeOK                ID = "verify.payload_type_ok"                // 载荷类型为{type}
	VerifyPayloadTypeWrong             ID = "verify.payload_type_wrong"             // 载荷类型“{type}”不是“{want}”
	VerifyReportFileOK                 ID = "verify.report_file_ok"                 // report.json即已签名的载荷
	VerifyReportFileDiffers            ID = "verify.report_file_differs"            // report.json与信封中已签名的载荷不一致
	VerifyNotBundle                    ID = "verify.not_bundle"                     // 载荷不是报告数据包：{error}
	VerifyBundleNotCanonical           ID = "verify.bundle_not_canonical"           // 报告数据包无法写成规范JSON：{error}
	VerifyNotCanonical                 ID = "verify.not_canonical"                  // 载荷不是其内容的规范JSON（RFC 8785）
	VerifyCanonicalOK                  ID = "verify.canonical_ok"                   // 规范JSON（RFC 8785），{format}，SHA-256摘要{digest}
	VerifyInputsUndigestable           ID = "verify.inputs_undigestable"            // 无法计算输入的摘要：{error}
	VerifyInputsDiffer                 ID = "verify.inputs_differ"                  // 清单记为{said}，由输入算得{got}
	VerifyInputsOK                     ID = "verify.inputs_ok"                      // 指标体系、{units}个评价对象、{datasets}个数据集、含{judgments}项判断的权重、{surveys…
	VerifyResultsDigestDiffers         ID = "verify.results_digest_differs"         // 结果的SHA-256摘要为{got}，数据包记为{said}
	VerifyResultsDigestOK              ID = "verify.results_digest_ok"              // 规范化结果的SHA-256摘要{digest}
	VerifySignatureNoKey               ID = "verify.signature_no_key"               // 没有可用于核验签名的公钥：报告数据包无法读取，请指定一个公钥（--key）
	VerifySignatureEmbeddedNotEd25519  ID = "verify.signature_embedded_not_ed25519" // 数据包内嵌的公钥不是Ed25519公钥
	VerifySignatureEmbeddedFingerprint ID = "verify.signature_embedded_fingerprint" // 内嵌公钥的指纹为{fingerprint}，不是密钥编号{key}
	VerifySignatureInvalid             ID = "verify.signature_invalid"              // 密钥{key}的签名核验未通过：载荷、载荷类型或签名已被改动
	VerifySignatureOKEmbedded          ID = "verify.signature_ok_embedded"          // 基于PAE的Ed25519签名用报告内嵌的密钥{key}核验通过：这只证明报告完整，不能证明签名者是谁——请将指纹与评估…
	VerifySignatureOKInstitute         ID = "verify.signature_ok_institute"         // 基于PAE的Ed25519签名用评估机构{institute}公布的密钥{key}（{state}）核验通过
	VerifySignatureOKGiven             ID = "verify.signature_ok_given"             // 基于PAE的Ed25519签名用指定的密钥{key}核验通过
	VerifyKeyStateActive               ID = "verify.key_state.active"               // 在用
	VerifyKeyStateRetired              ID = "verify.key_state.retired"              // 已停用
	VerifySignatureUntrusted           ID = "verify.signature_untrusted"            // 签名密钥为{signers}，不是受信任的密钥{trusted}
	VerifyManifestCommission           ID = "verify.manifest_commission"            // 清单记为{said}，输入中的委托项目为{got}
	VerifyManifestGenerator            ID = "verify.manifest_generator"             // 生成程序“{generator}”不是evalbench
	VerifyManifestSynthetic            ID = "verify.manifest_synthetic"             // 合成数据标记与输入和结果不一致
	VerifyManifestConfig               ID = "verify.manifest_config"                // 清单中的运行配置记为{said}，输入中为{got}
	VerifyManifestSeed                 ID = "verify.manifest_seed"                  // 随机种子{seed}不是配置中的{want}
	VerifyManifestSignerKey            ID = "verify.manifest_signer_key"            // 签名者的公钥不是指纹与签名者密钥编号一致的Ed25519公钥
	VerifyManifestSignerUnsigned       ID = "verify.manifest_signer_unsigned"       // 清单所列签名者{key}没有签署信封中的任何签名
	VerifyManifestInstitute            ID = "verify.manifest_institute"             // 签名所用的是评估机构{signer}的密钥，但报告属于评估机构{institute}
	VerifyManifestCheckpointInvalid    ID = "verify.manifest_checkpoint_invalid"    // 审计检查点未能用报告的签名者核验：{error}
	VerifyManifestOK                   ID = "verify.manifest_ok"                    // 报告{report}第{version}版，来自第{run}次运行，委托项目“{commission}”，由evalbenc…
	VerifyManifestOKCheckpoint         ID = "verify.manifest_ok_checkpoint"         // 报告{report}第{version}版，来自第{run}次运行，委托项目“{commission}”，由evalbenc…
	VerifyPrivacyNoSurvey              ID = "verify.privacy_no_survey"              // 调查缺少其定义
	VerifyPrivacyMisfit                ID = "verify.privacy_misfit"                 // 答卷与调查不符：{error}
	VerifyPrivacyBelowMinimum          ID = "verify.privacy_below_minimum"          // 调查{survey}：数据包含有{cells}个“对象×评价主体”单元的答卷，其人数低于该评价主体的最低人数，例如{un…
	VerifyPrivacyWithheldResponse      ID = "verify.privacy_withheld_response"      // 调查{survey}：含有已隐去单元{unit}/{group}的答卷
	VerifyPrivacySuppressedComment     ID = "verify.privacy_suppressed_comment"     // 调查{survey}：含有已抑制组{unit}/{group}的意见
	VerifyPrivacyOK                    ID = "verify.privacy_ok"                     // 调查答卷均为达到最低人数单元的假名化评分；已隐去{withheld}个被抑制的单元
	VerifyRecomputeError               ID = "verify.recompute_error"                // 输入无法计算：{error}
	VerifyRecomputeUnencodable         ID = "verify.recompute_unencodable"          // 重算的结果无法写成规范JSON：{error}
	VerifyResultsUnencodable           ID = "verify.results_unencodable"            // 结果无法写成规范JSON：{error}
	VerifyRecomputeDiffers             ID = "verify.recompute_differs"              // 重算得到{got}，报告记为{said}
	VerifyRecomputeOK                  ID = "verify.recompute_ok"                   // engine.Compute（evalbench {version}）逐字节重现了evalbench {engine}的…
)

// API: text that cannot be stored (api/server.go)
const (
	ProblemDetailText ID = "problem.detail.text" // 请求中有无法保存的文字（NUL、无效的UTF-8或控制字符）
)

// JSON value types named in problems (evaluation/problems.go, after engine.JSONType)
const (
	JSONExpectedString  ID = "json.expected.string"  // 字符串
	JSONExpectedBool    ID = "json.expected.bool"    // true或false
	JSONExpectedInteger ID = "json.expected.integer" // 整数
	JSONExpectedNumber  ID = "json.expected.number"  // 数字
	JSONExpectedArray   ID = "json.expected.array"   // 数组
	JSONExpectedObject  ID = "json.expected.object"  // 对象
	JSONExpectedValue   ID = "json.expected.value"   // 某个值
	JSONExpectedOther   ID = "json.expected.other"   // 其他类型的值
	JSONKindString      ID = "json.kind.string"      // 字符串
	JSONKindNumber      ID = "json.kind.number"      // 数字
	JSONKindBool        ID = "json.kind.bool"        // 布尔值
	JSONKindArray       ID = "json.kind.array"       // 数组
	JSONKindObject      ID = "json.kind.object"      // 对象
)

// The calculator's request problems (evaluation/calc: POST /api/v1/calc/METHOD, evalbench calc).
const (
	CalcInvalidRequest       ID = "calc.invalid_request"         // 计算请求不符合要求
	CalcMethodUnknown        ID = "calc.method_unknown"          // 未知的计算方法“{method}”，可用的方法为{methods}
	CalcInputRejected        ID = "calc.input_rejected"          // 输入未被接受：{reason}
	CalcStatistics           ID = "calc.statistics"              // 数据不符合方法的要求：{error}
	CalcNotReciprocal        ID = "calc.not_reciprocal"          // {error}（以0.333这类四舍五入的小数填写判断值时，须将tolerance设为0.01）
	CalcOneOf                ID = "calc.one_of"                  // 须为{allowed}之一（现为“{got}”）
	CalcRequired             ID = "calc.required"                // 必填
	CalcInterval             ID = "calc.interval"                // 取值于{interval}
	CalcIntervalGot          ID = "calc.interval_got"            // 取值于{interval}（现为{value}）
	CalcBetween              ID = "calc.between"                 // 须在{min}至{max}之间
	CalcNotNegative          ID = "calc.not_negative"            // 不能为负数
	CalcNotNegativeGot       ID = "calc.not_negative_got"        // 不能为负数（现为{value}）
	CalcPositive             ID = "calc.positive"                // 须为正数
	CalcPositiveGot          ID = "calc.positive_got"            // 须为正数（现为{value}）
	CalcGreaterGot           ID = "calc.greater_got"             // 须大于{bound}（现为{value}）
	CalcGreaterThanField     ID = "calc.greater_than_field"      // 须大于{name}的值{bound}（现为{value}）
	CalcFiniteNonNegativeGot ID = "calc.finite_non_negative_got" // 须为非负的有限数值（现为{value}）
	CalcWithinGot            ID = "calc.within_got"              // 须在±{bound}以内（现为{value}）
	CalcRowsRequired         ID = "calc.rows_required"           // 必填，须为由各行组成的非空数组
	CalcNonEmptyRowsRequired ID = "calc.non_empty_rows_required" // 必填，须为由非空行组成的非空数组
	CalcRowEmpty             ID = "calc.row_empty"               // 该行为空
	CalcCellsLimit           ID = "calc.cells_limit"             // {rows}×{cols}个单元格超过上限{max}
	CalcMinRows              ID = "calc.min_rows"                // 至少需要{min}行（现有{count}行）
	CalcMinColumns           ID = "calc.min_columns"             // 至少需要{min}列（现有{count}列）
	CalcSquare               ID = "calc.square"                  // 须为方阵（现为{rows}行{cols}列）
	CalcRagged               ID = "calc.ragged"                  // 该行有{count}个值，应为{want}个（各行长度不一）
	CalcNull                 ID = "calc.null"                    // 缺少数值（null）
	CalcCount                ID = "calc.count"                   // 有{count}个值，应为{want}个
	CalcEmpty                ID = "calc.empty"                   // 不能为空
	CalcPerColumn            ID = "calc.per_column"              // 有{count}项，应每列一项（共{want}项）
	CalcZeroVariance         ID = "calc.zero_variance"           // 该列方差为零（各值均为{value}）
	CalcColumnZeros          ID = "calc.column_zeros"            // 该列全为零
	CalcOrderLimit           ID = "calc.order_limit"             // 阶数{order}超过上限{max}
	CalcMatricesRequired     ID = "calc.matrices_required"       // 必填，至少需要一个判断矩阵
	CalcOrderDiffers         ID = "calc.order_differs"           // 阶数{order}与第一个矩阵的阶数{first}不同
	CalcPositiveSum          ID = "calc.positive_sum"            // 之和须大于0
	CalcColumnOutside        ID = "calc.column_outside"          // 列号{column}超出0…{max}
	CalcColumnTwice          ID = "calc.column_twice"            // 第{column}列出现在多个组中
	CalcRequiredBy           ID = "calc.required_by"             // “{type}”须给出此参数
	CalcNotUsedBy            ID = "calc.not_used_by"             // “{type}”不使用此参数
	CalcWeightsRequired      ID = "calc.weights_required"        // 必填，须为权重数组或权重树
	CalcWeightsArray         ID = "calc.weights_array"           // 须为数值数组：{error}
	CalcWeightsShape         ID = "calc.weights_shape"           // 须为权重数组或权重树{name, weight, indicator, children}：{error}
	CalcTreeLeaves           ID = "calc.tree_leaves"             // 权重树有{leaves}个叶节点，而指标有{indicators}个
	CalcUnitsLimit           ID = "calc.units_limit"             // {units}个单位超过上限{max}
	CalcScoreOutside         ID = "calc.score_outside"           // 得分{value}超出0—100
	CalcPerturbationRequired ID = "calc.perturbation_required"   // 必填，kind为dirichlet时给出concentration，为uniform时给出percent
	CalcPositiveRequired     ID = "calc.positive_required"       // 必填，须为正数
	CalcOnlyForKind          ID = "calc.only_for_kind"           // 仅用于kind为“{kind}”时
	CalcPercentRequired      ID = "calc.percent_required"        // 必填，取值于[0, 100)
	CalcIncreaseStrictly     ID = "calc.increase_strictly"       // 须严格递增
	CalcFloorCeiling         ID = "calc.floor_ceiling"           // 不能超过ceiling
	CalcGoalposts            ID = "calc.goalposts"               // polarity为higher时须best > worst，为lower时须best < worst
	CalcCompoundPositive     ID = "calc.compound_positive"       // 复合增长路径的基期值和目标值须为正数
	CalcAfterBaseYear        ID = "calc.after_base_year"         // 须晚于base_year
	CalcYearAfterBase        ID = "calc.year_after_base"         // 须晚于trajectory的base_year
	CalcTargetEqualsBaseline ID = "calc.target_equals_baseline"  // 与基期值相同，无须取得进展（请改用target方法）
	CalcThresholdsRequired   ID = "calc.thresholds_required"     // 必填，至少需要一个{value, score}
	CalcRubricRequired       ID = "calc.rubric_required"         // 必填，须为标签 → 得分
	CalcLabelUnknown         ID = "calc.label_unknown"           // 标签“{label}”不在评分细则中（细则的标签为{labels}）
	CalcTrim                 ID = "calc.trim"                    // 须≥0且至少保留一个值（2·trim < n）
	CalcScaleSamples         ID = "calc.scale_samples"           // 须至少为1，且samples × 阶数³不超过{max}
	CalcSeedWithSteps        ID = "calc.seed_with_steps"         // 给出steps时必填（结果据此可重现）
	CalcOnlyWithSteps        ID = "calc.only_with_steps"         // 仅在给出steps时使用
	CalcMissingJudgment      ID = "calc.missing_judgment"        // 缺少判断值，ahp-scale要求每一对至少在一侧给出判断
	CalcSobolN               ID = "calc.sobol_n"                 // 须至少为2，且n × {k}次求值不超过{max}
	CalcSobolResamples       ID = "calc.sobol_resamples"         // 不能为负数，且resamples × n不超过{max}
	CalcSeedRequired         ID = "calc.seed_required"           // 必填（结果据此可重现）
	CalcNormalizationEntropy ID = "calc.normalization_entropy"   // 只有entropy方法使用normalization
	CalcRequiredForMode      ID = "calc.required_for_mode"       // mode为“{mode}”时必填
	CalcNotUsedInMode        ID = "calc.not_used_in_mode"        // mode为“{mode}”时不使用
	CalcTreeDepth            ID = "calc.tree_depth"              // 权重树超过{max}层
	CalcIndicatorRequired    ID = "calc.indicator_required"      // 已有叶节点注明指标时，每个叶节点都须注明
	CalcIndicatorLeafOnly    ID = "calc.indicator_leaf_only"     // 只有叶节点可以注明指标
	CalcNullNode             ID = "calc.null_node"               // 节点为null
)

// Query and path values of the API and the report tables that name no known code.
const (
	RectificationStatusFilter ID = "rectification.status_filter" // status须为open、closed或audited（现为“{status}”）
	ReportTableUnknown        ID = "report.table_unknown"        // table须为units或indicators（现为“{table}”）
)

// Why an update was refused for its version (If-Match): 412 and 428.
const (
	ProblemDetailStaleVersion    ID = "problem.detail.stale_version"    // 该对象在您读取后已被修改，请重新读取后再提交修改
	ProblemDetailStaleVersionAt  ID = "problem.detail.stale_version_at" // 该对象当前为第{version}版，而非您所依据的第{sent}版，请重新读取后再提交修改
	ProblemDetailVersionRequired ID = "problem.detail.version_required" // 请在If-Match请求头中提供您读取时的版本（ETag）
)

// Framework cells holding JSON: challenge targets and benchmarks (issue 12, the plan's remaining rules).
const (
	IngestFrameworkChallengeShape ID = "ingest.framework.challenge_targets_shape" // challenge_targets须为JSON数组……
	IngestFrameworkChallengeError ID = "ingest.framework.challenge_targets_error" // ……：{error}
	IngestFrameworkBenchmarkShape ID = "ingest.framework.benchmark_shape"         // benchmark须为JSON对象……
	IngestFrameworkBenchmarkError ID = "ingest.framework.benchmark_error"         // ……：{error}
	// The rectification items' pages (web/rectifications.go).
	WebRectTitle         ID = "web.rect.title"                 // 整改事项
	WebRectCaption       ID = "web.rect.caption"               // 整改事项（按整改期限排列，逾期的标出）
	WebRectColNumber     ID = "web.rect.col.number"            // 编号
	WebRectColUnit       ID = "web.rect.col.unit"              // 单位
	WebRectColPeriod     ID = "web.rect.col.period"            // 评价期
	WebRectColSource     ID = "web.rect.col.source"            // 来源
	WebRectColIssue      ID = "web.rect.col.issue"             // 整改问题
	WebRectColOwner      ID = "web.rect.col.owner"             // 责任单位（人）
	WebRectColDeadline   ID = "web.rect.col.deadline"          // 整改期限
	WebRectColStatus     ID = "web.rect.col.status"            // 状态
	WebRectColEvidence   ID = "web.rect.col.evidence"          // 整改证据
	WebRectOverdue       ID = "web.rect.overdue"               // 已逾期
	WebRectStatusOpen    ID = "web.rect.status.open"           // 整改中
	WebRectStatusClosed  ID = "web.rect.status.closed"         // 已整改，待审核
	WebRectStatusAudited ID = "web.rect.status.audited"        // 已审核
	WebRectSourceFail    ID = "web.rect.source.fail_grade"     // 评定等次为不合格（限期整改）
	WebRectSourceFlag    ID = "web.rect.source.flag"           // 连续两年排名后两位
	WebRectSourceOpinion ID = "web.rect.source.social_opinion" // 社会评价意见
	WebRectSourceOther   ID = "web.rect.source.other"          // 其他
	WebRectFilter        ID = "web.rect.filter"                // 筛选
	WebRectFilterAll     ID = "web.rect.filter.all"            // 全部
	WebRectFilterSubmit  ID = "web.rect.filter.submit"         // 筛选
	WebRectEmpty         ID = "web.rect.empty"                 // 没有符合条件的整改事项。
	WebRectRaise         ID = "web.rect.raise"                 // 新增整改事项
	WebRectRaiseSubmit   ID = "web.rect.raise_submit"          // 新增
	WebRectFromRun       ID = "web.rect.from_run"              // 按评价结果生成整改事项
	WebRectFromRunHint   ID = "web.rect.from_run_hint"         // 为该次评价中评定不合格和连续两年排名后两位的每个单位各生成一项；同一单位同一来源不重复生成。
	WebRectFromRunSubmit ID = "web.rect.from_run_submit"       // 生成
	WebRectRun           ID = "web.rect.run"                   // 评价
	WebRectOwnerHint     ID = "web.rect.owner_hint"            // 不填则为各单位自身
	WebRectClose         ID = "web.rect.close"                 // 第{number}项：提交整改证据
	WebRectCloseSubmit   ID = "web.rect.close_submit"          // 提交并关闭
	WebRectAudit         ID = "web.rect.audit"                 // 第{number}项：审核整改
	WebRectAuditSubmit   ID = "web.rect.audit_submit"          // 记录审核
	WebRectOn            ID = "web.rect.on"                    // 日期
	WebRectNote          ID = "web.rect.note"                  // 审核意见
	WebRectClosedOn      ID = "web.rect.closed_on"             // {date}整改完成
	WebRectAuditedOn     ID = "web.rect.audited_on"            // {date}审核
	WebRectRaised        ID = "web.rect.raised"                // 已新增整改事项。
	WebRectFromRunDone   ID = "web.rect.from_run_done"         // 已按评价结果生成{count}项整改事项。
	WebRectClosedDone    ID = "web.rect.closed_done"           // 整改事项已关闭，待审核。
	WebRectAuditedDone   ID = "web.rect.audited_done"          // 审核已记录。
	WebRectStale         ID = "web.rect.stale"                 // 该事项已被他人修改，请查看最新内容后重新提交。
	WebRectConflict      ID = "web.rect.conflict"              // 该事项当前的状态不允许此操作。
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
	WebBoardRaters        ID = "web.board.raters"         // 指定评价人（可选）
	WebBoardRatersHint    ID = "web.board.raters_hint"    // 每行一个评价人代码（不要填姓名或电话）：每人一个链接，数量按行数计；同一代码在不同单位的链接算同一位评价人。
	WebBoardReminders     ID = "web.board.reminders"      // 催办：重新发放未提交的链接（CSV）
	WebBoardRemindersHint ID = "web.board.reminders_hint" // 所选单位、评价组中未提交的个人链接将重新发放（截止日期不变），旧链接作废；下载的名单可用于邮件合并或短信。
	WebBoardAll           ID = "web.board.all"            // 全部
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebRoundCR ID = "web.round.cr" // 一致性比率CR {cr}
)

// Owner pages, enumerator mode and QR codes of issue 14 (web/rounds_pages.go, web/survey_pages.go).
const (
	WebBoardCommentThreshold ID = "web.board.comment_threshold" // 意见建议另设匿名阈值：某组提出意见的评价人不少于 max({k}，该组匿名阈值) 人时才在报告中显示。
)

// The outlier treatment and unit screening (issue 16): the report's methods appendix (A.10) and the
// run configuration's problems (engine add calls to convert: diagnostics.go, treatment.go).
const (
	ReportTextOutliersIntroApplied     ID = "report.text.outliers_intro_applied"     // 异常值……对数变换 ln(x − min + 0.01(max − min))
	ReportTreatmentApplied             ID = "report.treatment.applied"               // 处理已在评分前应用：按相对方法（无目标值的极差法、z分数、排序）评分的指标以处理后的值计分，指标表中保留导入的原值。
	ReportTreatmentRowApplied          ID = "report.treatment.row_applied"           // （已用于评分）
	ReportTreatmentRowTargetScored     ID = "report.treatment.row_target_scored"     // （按目标值计分，未处理）
	RunConfigDiagnosticsWinsoriseLimit ID = "run_config.diagnostics_winsorise_limit" // winsorise_limit 为1–{max}的整数（0 表示默认值 5）
	RunConfigDiagnosticsScreenUnits    ID = "run_config.diagnostics_screen_units"    // 所有单位有数据的指标都少于 {percent}%，筛除后没有单位可评
)

// The report's headings (reports/templates/report.html.tmpl).
const (
	ReportHeadingSummary                              ID = "report.heading.summary"                                   // 一、摘要
	ReportHeadingCompositeRanking                     ID = "report.heading.composite_ranking"                         // 综合排名
	ReportHeadingGradeDistribution                    ID = "report.heading.grade_distribution"                        // 等次分布
	ReportHeadingEarlyWarnings                        ID = "report.heading.early_warnings"                            // 预警
	ReportHeadingComponents                           ID = "report.heading.components"                                // 综合评价构成
	ReportHeadingCommissionConstraints                ID = "report.heading.commission_constraints"                    // 委托约束
	ReportHeadingBonusAndPenaltyPoints                ID = "report.heading.bonus_and_penalty_points"                  // 加减分
	ReportHeadingResultsBy4eDimension                 ID = "report.heading.results_by_4e_dimension"                   // 二、4E 维度结果
	ReportHeadingIndicatorDetail                      ID = "report.heading.indicator_detail"                          // 三、指标详情
	ReportHeadingSocialEvaluation                     ID = "report.heading.social_evaluation"                         // 四、社会评价
	ReportHeadingReliability                          ID = "report.heading.reliability"                               // 信度
	ReportHeadingSelfOthersGaps                       ID = "report.heading.self_others_gaps"                          // 自评与他评差异
	ReportHeadingUncertainty                          ID = "report.heading.uncertainty"                               // 五、不确定性分析
	ReportHeadingNeighboursSwappingPlaces             ID = "report.heading.neighbours_swapping_places"                // 相邻名次互换
	ReportHeadingGlobalSensitivity                    ID = "report.heading.global_sensitivity"                        // 六、全局敏感性分析
	ReportHeadingFactors                              ID = "report.heading.factors"                                   // 因子
	ReportHeadingSensitivityIndicesRanking            ID = "report.heading.sensitivity_indices_ranking"               // 整体排名的敏感性指数
	ReportHeadingRankIntervalsPerChoice               ID = "report.heading.rank_intervals_per_choice"                 // 各选择下的名次区间
	ReportHeadingMeasurementAndBenchmarks             ID = "report.heading.measurement_and_benchmarks"                // 七、实现程度与绩效测度、挑战目标与标杆比对
	ReportHeadingAchievementAndMeasurement            ID = "report.heading.achievement_and_measurement"               // 实现程度与绩效测度
	ReportHeadingPanelOfPeriodsAwardsAndRectification ID = "report.heading.panel_of_periods_awards_and_rectification" // 八、跨期比较、奖项与整改
	ReportHeadingAwards                               ID = "report.heading.awards"                                    // 奖项
	ReportHeadingRectificationItems                   ID = "report.heading.rectification_items"                       // 以往评价期整改事项
	ReportHeadingAppendixAMethods                     ID = "report.heading.appendix_a_methods"                        // 附录 A 方法
	ReportHeadingFrameworkAndWeights                  ID = "report.heading.framework_and_weights"                     // A.1 指标体系与权重
	ReportHeadingExpertsAHPMatrices                   ID = "report.heading.experts_ahp_matrices"                      // A.2 专家判断矩阵
	ReportHeadingTheRiTableUsed                       ID = "report.heading.the_ri_table_used"                         // A.3 随机一致性指标表
	ReportHeadingScoringRules                         ID = "report.heading.scoring_rules"                             // A.4 评分规则
	ReportHeadingMissingDataPolicy                    ID = "report.heading.missing_data_policy"                       // A.5 缺失数据处理
	ReportHeadingDataProvenance                       ID = "report.heading.data_provenance"                           // A.6 数据来源
	ReportHeadingSourceOfEveryValue                   ID = "report.heading.source_of_every_value"                     // 逐值来源
	ReportHeadingInputDigests                         ID = "report.heading.input_digests"                             // A.7 输入摘要
	ReportHeadingNotesFromTheComputation              ID = "report.heading.notes_from_the_computation"                // A.8 计算提示
	ReportHeadingAggregation                          ID = "report.heading.aggregation"                               // A.9 汇总方法
	ReportHeadingDataTreatmentAndIndicatorDiagnostics ID = "report.heading.data_treatment_and_indicator_diagnostics"  // A.10 数据处理与指标诊断
	ReportHeadingAppendixBLimitations                 ID = "report.heading.appendix_b_limitations"                    // 附录 B 局限
	ReportHeadingAppendixCVerify                      ID = "report.heading.appendix_c_verify"                         // 附录 C 如何验证
)

// The report's cover: banners, kicker and notes.
const (
	ReportBannerSynthetic    ID = "report.banner.synthetic"    // 合成数据 · 仅供演示
	ReportBannerIllustrative ID = "report.banner.illustrative" // 示例性权重/判断
	ReportCoverKicker        ID = "report.cover.kicker"        // 第三方绩效评估报告
	ReportCoverReadableView  ID = "report.cover.readable_view" // 本报告为签名报告包（report.dsse.json）的可读版本；报告包可离线验证，见“如何验证”。
)

// The report's column names (reports/templates/report.html.tmpl).
const (
	ReportColumnClient                ID = "report.column.client"                  // 委托方
	ReportColumnInstitute             ID = "report.column.institute"               // 评估机构
	ReportColumnEvaluatedPeriod       ID = "report.column.evaluated_period"        // 评估期
	ReportColumnReport                ID = "report.column.report"                  // 报告
	ReportColumnIssued                ID = "report.column.issued"                  // 发布时间
	ReportColumnRun                   ID = "report.column.run"                     // 评估运行
	ReportColumnResultsDigest         ID = "report.column.results_digest"          // 结果摘要
	ReportColumnInputsDigest          ID = "report.column.inputs_digest"           // 输入摘要
	ReportColumnKeyFingerprint        ID = "report.column.key_fingerprint"         // 签名密钥指纹
	ReportColumnAuditCheckpoint       ID = "report.column.audit_checkpoint"        // 审计链检查点
	ReportColumnGeneratedBy           ID = "report.column.generated_by"            // 生成
	ReportColumnRank                  ID = "report.column.rank"                    // 名次
	ReportColumnUnit                  ID = "report.column.unit"                    // 单位
	ReportColumnComposite             ID = "report.column.composite"               // 综合得分
	ReportColumnBase                  ID = "report.column.base"                    // 基础得分
	ReportColumnBonus                 ID = "report.column.bonus"                   // 加分
	ReportColumnPenalty               ID = "report.column.penalty"                 // 扣分
	ReportColumnGrade                 ID = "report.column.grade"                   // 等次
	ReportColumnNotes                 ID = "report.column.notes"                   // 说明
	ReportColumnDimension             ID = "report.column.dimension"               // 维度
	ReportColumnScoredTotal           ID = "report.column.scored_total"            // 已评分/指标数
	ReportColumnWeightScored          ID = "report.column.weight_scored"           // 已评分权重
	ReportColumnDimensionWeight       ID = "report.column.dimension_weight"        // 维度权重
	ReportColumnName                  ID = "report.column.name"                    // 名称
	ReportColumnUnits                 ID = "report.column.units"                   // 单位数
	ReportColumnQuota                 ID = "report.column.quota"                   // 名额
	ReportColumnLiftedByBonus         ID = "report.column.lifted_by_bonus"         // 加分提档
	ReportColumnKind                  ID = "report.column.kind"                    // 类型
	ReportColumnIndicator             ID = "report.column.indicator"               // 指标
	ReportColumnMessage               ID = "report.column.message"                 // 说明
	ReportColumnCode                  ID = "report.column.code"                    // 代码
	ReportColumnSource                ID = "report.column.source"                  // 来源
	ReportColumnWeight                ID = "report.column.weight"                  // 权重
	ReportColumnShare                 ID = "report.column.share"                   // 占比
	ReportColumnConstraint            ID = "report.column.constraint"              // 约束
	ReportColumnMinimum               ID = "report.column.minimum"                 // 最低
	ReportColumnNominalShare          ID = "report.column.nominal_share"           // 名义占比
	ReportColumnMet                   ID = "report.column.met"                     // 结果
	ReportColumnUnitsBelow            ID = "report.column.units_below"             // 低于要求的单位
	ReportColumnPoints                ID = "report.column.points"                  // 分值
	ReportColumnReason                ID = "report.column.reason"                  // 理由
	ReportColumnActual                ID = "report.column.actual"                  // 实际值
	ReportColumnTarget                ID = "report.column.target"                  // 比较目标
	ReportColumnBasisOfComparison     ID = "report.column.basis_of_comparison"     // 比较基准
	ReportColumnRatio                 ID = "report.column.ratio"                   // 完成率
	ReportColumnScore                 ID = "report.column.score"                   // 得分
	ReportColumnStatus                ID = "report.column.status"                  // 状态
	ReportColumnNote                  ID = "report.column.note"                    // 备注
	ReportColumnGroup                 ID = "report.column.group"                   // 评价主体
	ReportColumnIccUnits              ID = "report.column.icc_units"               // 单位
	ReportColumnRaters                ID = "report.column.raters"                  // 评价人
	ReportColumnIccNote               ID = "report.column.icc_note"                // 说明
	ReportColumnItem                  ID = "report.column.item"                    // 题目
	ReportColumnSelf                  ID = "report.column.self"                    // 自评
	ReportColumnOthers                ID = "report.column.others"                  // 他评
	ReportColumnOthersN               ID = "report.column.others_n"                // 他评人次
	ReportColumnGap                   ID = "report.column.gap"                     // 差
	ReportColumnBlindSpot             ID = "report.column.blind_spot"              // 盲点
	ReportColumnMean                  ID = "report.column.mean"                    // 均值
	ReportColumnMedianRank            ID = "report.column.median_rank"             // 中位名次
	ReportColumnRank595               ID = "report.column.rank_5_95"               // 名次区间
	ReportColumnGradeProbability      ID = "report.column.grade_probability"       // 等次概率
	ReportColumnUpper                 ID = "report.column.upper"                   // 前
	ReportColumnLower                 ID = "report.column.lower"                   // 后
	ReportColumnProbability           ID = "report.column.probability"             // 互换概率
	ReportColumnNode                  ID = "report.column.node"                    // 最敏感节点
	ReportColumnCurrentWeight         ID = "report.column.current_weight"          // 现权重
	ReportColumnWeightThatSwapsThem   ID = "report.column.weight_that_swaps_them"  // 互换所需权重
	ReportColumnFactor                ID = "report.column.factor"                  // 因子
	ReportColumnLevelsMeanRankShift   ID = "report.column.levels_mean_rank_shift"  // 水平（平均名次变动）
	ReportColumnFirstOrder            ID = "report.column.first_order"             // 一阶
	ReportColumnTotalEffect           ID = "report.column.total_effect"            // 总效应
	ReportColumnReportedRank          ID = "report.column.reported_rank"           // 报告名次
	ReportColumnMedian                ID = "report.column.median"                  // 中位
	ReportColumnBestWorst             ID = "report.column.best_worst"              // 最好–最差
	ReportColumnMostInfluentialChoice ID = "report.column.most_influential_choice" // 影响最大的选择
	ReportColumnAchievement           ID = "report.column.achievement"             // 实现程度
	ReportColumnMeasurement           ID = "report.column.measurement"             // 绩效测度
	ReportColumnValue                 ID = "report.column.value"                   // 本期值
	ReportColumnChallenge             ID = "report.column.challenge"               // 挑战目标
	ReportColumnChallengeMet          ID = "report.column.challenge_met"           // 是否达到
	ReportColumnPreviousYear          ID = "report.column.previous_year"           // 上年值
	ReportColumnChange                ID = "report.column.change"                  // 变化
	ReportColumnDeltaScore            ID = "report.column.delta_score"             // Δ得分
	ReportColumnDeltaRank             ID = "report.column.delta_rank"              // Δ名次
	ReportColumnItemsCarried          ID = "report.column.items_carried"           // 整改事项
	ReportColumnAward                 ID = "report.column.award"                   // 奖项
	ReportColumnBasis                 ID = "report.column.basis"                   // 依据
	ReportColumnNo                    ID = "report.column.no"                      // 编号
	ReportColumnRaised                ID = "report.column.raised"                  // 提出期
	ReportColumnIssue                 ID = "report.column.issue"                   // 整改内容
	ReportColumnOwner                 ID = "report.column.owner"                   // 责任人
	ReportColumnDeadline              ID = "report.column.deadline"                // 期限
	ReportColumnEvidence              ID = "report.column.evidence"                // 整改证据
	ReportColumnClosed                ID = "report.column.closed"                  // 完成日期
	ReportColumnAudited               ID = "report.column.audited"                 // 验收日期
	ReportColumnFrameworkNode         ID = "report.column.framework_node"          // 节点
	ReportColumnLocalWeight           ID = "report.column.local_weight"            // 局部权重
	ReportColumnGlobalWeight          ID = "report.column.global_weight"           // 全局权重
	ReportColumnAHPWeight             ID = "report.column.ahp_weight"              // 权重
	ReportColumnTargetKind            ID = "report.column.target_kind"             // 目标类型
	ReportColumnPolarity              ID = "report.column.polarity"                // 极性
	ReportColumnMethod                ID = "report.column.method"                  // 方法
	ReportColumnConfiguredRule        ID = "report.column.configured_rule"         // 配置
	ReportColumnGradeMinimum          ID = "report.column.grade_minimum"           // 最低分
	ReportColumnDataset               ID = "report.column.dataset"                 // 数据集
	ReportColumnFile                  ID = "report.column.file"                    // 文件
	ReportColumnImporter              ID = "report.column.importer"                // 导入人
	ReportColumnImportedAt            ID = "report.column.imported_at"             // 导入时间
	ReportColumnObservations          ID = "report.column.observations"            // 观测数
	ReportColumnLabel                 ID = "report.column.label"                   // 标签
	ReportColumnPeriod                ID = "report.column.period"                  // 期
	ReportColumnSourceValue           ID = "report.column.source_value"            // 数值
	ReportColumnDocument              ID = "report.column.document"                // 文件
	ReportColumnLocation              ID = "report.column.location"                // 位置
	ReportColumnQuote                 ID = "report.column.quote"                   // 原文
	ReportColumnPreliminary           ID = "report.column.preliminary"             // 初步
	ReportColumnSurvey                ID = "report.column.survey"                  // 问卷
	ReportColumnTitle                 ID = "report.column.title"                   // 标题
	ReportColumnResponsesInTheBundle  ID = "report.column.responses_in_the_bundle" // 报告包中的答卷
	ReportColumnWithheldCells         ID = "report.column.withheld_cells"          // 抑制单元
	ReportColumnResponsesSHA256       ID = "report.column.responses_sha256"        // 答卷
	ReportColumnInput                 ID = "report.column.input"                   // 输入
	ReportColumnSkewness              ID = "report.column.skewness"                // 偏度
	ReportColumnKurtosis              ID = "report.column.kurtosis"                // 峰度
	ReportColumnTreatment             ID = "report.column.treatment"               // 处理
	ReportColumnValuesChanged         ID = "report.column.values_changed"          // 变动的值
	ReportColumnIndicatorA            ID = "report.column.indicator_a"             // 指标
	ReportColumnIndicatorB            ID = "report.column.indicator_b"             // 指标
	ReportColumnFlag                  ID = "report.column.flag"                    // 提示
	ReportColumnIndicators            ID = "report.column.indicators"              // 指标数
	ReportColumnComponent             ID = "report.column.component"               // 主成分
	ReportColumnExplained             ID = "report.column.explained"               // 解释方差
	ReportColumnCumulative            ID = "report.column.cumulative"              // 累计
	ReportColumnLoadingsPc1           ID = "report.column.loadings_pc1"            // 载荷
)

// The report's labels, running text and captions (reports/).
const (
	ReportLabelCoverage          ID = "report.label.coverage"           // 数据覆盖
	ReportLabelPreliminaryValues ID = "report.label.preliminary_values" // 初步数据
	ReportTextNoEarlyWarning     ID = "report.text.no_early_warning"    // 无预警。
	ReportTextDimensionsIntro    ID = "report.text.dimensions_intro"    // 经济、效率、效益、公正（《杭州市江干区“十三五”绩效管理规划》第3368行）：各单位在每个维度上的加权得分（0–100）。
	ReportTextIndicatorsIntro    ID = "report.text.indicators_intro"    // 实际值与目标值对比、完成状态，以及相对年度目标的计划轨迹。
	ReportTextSocialIntro        ID = "report.text.social_intro"        // 各评价主体（上级、同级、下级、自评、公众、专家）的得分；人数低于最低要求的单元已抑制，只标明“已抑制”，其权重不转移给其他主体，其答卷不在报告包中。
	ReportTextUncertaintyCaption ID = "report.text.uncertainty_caption" // 线段：5%–95% 名次区间；圆点：中位名次；方块：报告名次。
	ReportTextSensitivityCaption ID = "report.text.sensitivity_caption" // 线段：各种构建选择下的 5%–95% 名次区间；圆点：中位名次；方块：报告名次。
	ReportTextPerChoiceIntro     ID = "report.text.per_choice_intro"    // 每格：该选择下各组合的中位名次（5%–95%）。
	ReportTextMeasurementIntro   ID = "report.text.measurement_intro"   // 规划要求在目标考核中“设置实现程度和绩效测度两个维度，分类进行考核”（规划 行3398），并“设置挑战目标，鼓励横向、纵向标杆比对”（行3400）。
	ReportTextMeasurementScores  ID = "report.text.measurement_scores"  // 各维度得分为所属指标得分按全局权重的加权平均（缺失不计）；不改变综合得分。
	ReportTextNoAward            ID = "report.text.no_award"            // 本期无单位获奖。
	ReportTextAdjustments        ID = "report.text.adjustments"         // 人工调整
	ReportTextScoringRules       ID = "report.text.scoring_rules"       // 客观指标按标准评分（《杭州市江干区“十三五”绩效管理规划》第3462行）：完成率 = 实际/目标（越低越好者取倒数），截断于[0, 100]；上限型指标按区间评分；累计目标按进度比例评分；定性指标按评分表转化。
	ReportTextGrades             ID = "report.text.grades"              // 等次
	ReportTextLiftedQuota        ID = "report.text.lifted_quota"        // 加分提档的单位不占用该等次名额（《杭州市江干区“十三五”绩效管理规划》第3492行）。
	ReportVerifyStepChecks       ID = "report.verify.step_checks"       // 验证器检查签名、每项输入的摘要与结果摘要，并用同一代码重算全部结果；结论为 PASS，或列出失败的检查及位置。
)

// The report's headings (reports/templates/report.html.tmpl).
const (
	ReportHeadingPanel ID = "report.heading.panel" // 跨期面板
)

// The report's cover: banners, kicker and notes.
const (
	ReportBannerProvisional       ID = "report.banner.provisional"        // 暂定结果
	ReportBannerProvisionalDetail ID = "report.banner.provisional_detail" // 已评分指标仅占权重 {weight}（{scored}/{total} 项），低于阈值 {threshold}
	ReportCoverSubtitle           ID = "report.cover.subtitle"            // 评估期 {period} 年度评估
	ReportCoverPlanPeriod         ID = "report.cover.plan_period"         // 规划期
	ReportCoverVersion            ID = "report.cover.version"             // 第 {version} 版
	ReportCoverSupersedes         ID = "report.cover.supersedes"          // 取代
	ReportCoverRun                ID = "report.cover.run"                 // 第 {run} 次运行
)

// The report's column names (reports/templates/report.html.tmpl).
const (
	ReportColumnCanonicalJson ID = "report.column.canonical_json" // 规范 JSON
)

// The report's labels, running text and captions (reports/).
const (
	ReportLabelWeight                 ID = "report.label.weight"                  // 权重
	ReportLabelMeasureUnit            ID = "report.label.measure_unit"            // 单位
	ReportLabelGlobalWeight           ID = "report.label.global_weight"           // 全局权重
	ReportLabelScoringMethod          ID = "report.label.scoring_method"          // 评分方法
	ReportLabelBaseline               ID = "report.label.baseline"                // 基期值
	ReportLabelTarget                 ID = "report.label.target"                  // 目标
	ReportLabelCaliber                ID = "report.label.caliber"                 // 口径
	ReportLabelCaliberChange          ID = "report.label.caliber_change"          // 口径调整
	ReportLabelFinalTarget            ID = "report.label.final_target"            // 终期目标
	ReportLabelProjected              ID = "report.label.projected"               // 预测
	ReportLabelMonitoringBasis        ID = "report.label.monitoring_basis"        // 监测基准
	ReportLabelProjectionMethod       ID = "report.label.projection_method"       // 预测方法
	ReportLabelCaveat                 ID = "report.label.caveat"                  // 说明
	ReportLabelComponent              ID = "report.label.component"               // 构成
	ReportLabelScale                  ID = "report.label.scale"                   // 量表
	ReportLabelResponsesCounted       ID = "report.label.responses_counted"       // 计入答卷
	ReportLabelMeanShift              ID = "report.label.mean_shift"              // 平均绝对名次变动
	ReportLabelDegreeOfAchievement    ID = "report.label.degree_of_achievement"   // 实现程度
	ReportLabelPerformanceMeasurement ID = "report.label.performance_measurement" // 绩效测度
	ReportLabelHorizontal             ID = "report.label.horizontal"              // 横向标杆
	ReportLabelBestUnit               ID = "report.label.best_unit"               // 本期最佳单位
	ReportLabelExternalBenchmark      ID = "report.label.external_benchmark"      // 外部标杆
	ReportLabelVertical               ID = "report.label.vertical"                // 纵向标杆
	ReportLabelOwnPreviousYear        ID = "report.label.own_previous_year"       // 本单位上一年度
	ReportLabelRules                  ID = "report.label.rules"                   // 规则
	ReportLabelPlanLine               ID = "report.label.plan_line"               // 规划 行{line}
	ReportLabelWeightSet              ID = "report.label.weight_set"              // 权重集
	ReportLabelMethod                 ID = "report.label.method"                  // 方法
	ReportLabelPriority               ID = "report.label.priority"                // 优先级
	ReportLabelRI                     ID = "report.label.ri"                      // 随机一致性指标
	ReportLabelCRThreshold            ID = "report.label.cr_threshold"            // 阈值
	ReportLabelGate                   ID = "report.label.gate"                    // 门槛
	ReportLabelAggregation            ID = "report.label.aggregation"             // 集结
	ReportLabelPolicy                 ID = "report.label.policy"                  // 规则
	ReportLabelConditions             ID = "report.label.conditions"              // 条件
	ReportLabelAcceptableAdvantage    ID = "report.label.acceptable_advantage"    // 可接受优势
	ReportLabelAcceptableStability    ID = "report.label.acceptable_stability"    // 决策稳定
	ReportLabelCompromiseSet          ID = "report.label.compromise_set"          // 折衷解
	ReportLabelRecompute              ID = "report.label.recompute"               // 复算
	ReportLabelChecked                ID = "report.label.checked"                 // 检查
	ReportLabelFlagged                ID = "report.label.flagged"                 // 标记
	ReportLabelDataAvailability       ID = "report.label.data_availability"       // 数据可得性（门槛 {threshold}）
	ReportLabelNotIncluded            ID = "report.label.not_included"            // 未纳入
	ReportTextCoverage                ID = "report.text.coverage"                 // 已评分指标 {scored}/{total} 项，占权重 {weight}（阈值 {threshold}）
	ReportTextPreliminaryValues       ID = "report.text.preliminary_values"       // {total} 个实际值中 {count} 个标注为初步（来源标注预计/初步，或仅见于政府工作报告），见附录逐值来源
	ReportTextCaliberCompared         ID = "report.text.caliber_compared"         // 基期值、目标值与实际值按此口径比较
	ReportTextUncertaintyIntro        ID = "report.text.uncertainty_intro"        // 对权重做 {samples} 次蒙特卡洛扰动（{perturbation}，{parameter}，种子 seed {seed}），统计得分与名次的分布。
	ReportTextSensitivityIntro        ID = "report.text.sensitivity_intro"        // 把构建综合指数的各项选择作为因子，按 Saltelli (2010) 设计计算 {evaluations} 种组合（基础样本 {samples}，种子 seed {seed}），用 Saltelli 一阶指数与 Jansen 总效应指数估计每个选择对名次方差的贡献，{resamples} 次自助法给出 95% 区间。
	ReportTextSensitivityFailed       ID = "report.text.sensitivity_failed"       // {failed} 种组合无法计算，按报告名次计。
	ReportTextPanelIntro              ID = "report.text.panel_intro"              // 上一评价期 {previous} 的运行结果（结果摘要 {digest}）与本期逐单位对照；名次变化为上期名次减本期名次（↑ 上升）。
	ReportTextRectificationIntro      ID = "report.text.rectification_intro"      // “评价—整改—反馈”（规划 行3452）；评定为不合格的单位限期整改（行3482）。状态为截至本期末 {end}。
	ReportTextMissingCounts           ID = "report.text.missing_counts"           // 应有 {expected} 个指标×单位数值，实有 {present} 个。
	ReportTextSourcesIntro            ID = "report.text.sources_intro"            // 指标详情中每个实际值的角标对应下表：文件、位置与原文摘录。标“初步”者来源标注预计/初步，或仅见于政府工作报告。
	ReportTextAggregationIntro        ID = "report.text.aggregation_intro"        // 综合得分由 {method} 汇总各叶节点得分（指标与问卷构成，按全局权重）并换算到 0–100 分。
	ReportTextAggregationDropped      ID = "report.text.aggregation_dropped"      // 各单位得分相同的叶节点不参与：{leaves}。
	ReportTextRecomputeGives          ID = "report.text.recompute_gives"          // 的 {output} 与报告记录一致
	ReportTextOutliersIntro           ID = "report.text.outliers_intro"           // 异常值按偏度–峰度规则识别（|偏度| ≥ {skew} 且峰度 ≥ {kurt}，COINr），先缩尾（至多 {winsor_max} 个值），仍不通过则对数变换。处理结果只作记录，评分使用原始数据。
	ReportTextDiagnosticsIndicators   ID = "report.text.diagnostics_indicators"   // 相关、α 与主成分基于各单位均有得分且不恒定的指标
	ReportVerifyStepBundle            ID = "report.verify.step_bundle"            // 取得签名报告包 report.dsse.json（报告 {report}）。
	ReportVerifyStepKey               ID = "report.verify.step_key"               // 从评估机构公布的公钥列表（{path}）取得指纹为 {key} 的公钥。
	ReportVerifyRunOffline            ID = "report.verify.run_offline"            // 离线运行
	ReportVerifyNoNetwork             ID = "report.verify.no_network"             // 无需数据库或网络
	ReportVerifyOrPost                ID = "report.verify.or_post"                // 或提交至
	ReportVerifyDigestMustBe          ID = "report.verify.digest_must_be"         // 结果摘要应为
	ReportVerifyStepCheckpoint        ID = "report.verify.step_checkpoint"        // 报告内含发布时签名的审计链检查点（第 {seq} 条）；保存本报告，日后可用 {command} 查验审计日志未被截断或改写。
	ReportValueLiftedFrom             ID = "report.value.lifted_from"             // 加分提档（原等次 {grade}）
	ReportValueLastTwoTwice           ID = "report.value.last_two_twice"          // 连续两期后两位
	ReportValueLastTwo                ID = "report.value.last_two"                // 后两位
	ReportValueProvisional            ID = "report.value.provisional"             // 暂定
	ReportValueMet                    ID = "report.value.met"                     // 满足
	ReportValueNotMet                 ID = "report.value.not_met"                 // 未满足
	ReportValuePreliminary            ID = "report.value.preliminary"             // 初步
	ReportValueYes                    ID = "report.value.yes"                     // 是
	ReportValueIllustrative           ID = "report.value.illustrative"            // 示例
	ReportValueHolds                  ID = "report.value.holds"                   // 成立
	ReportValueFails                  ID = "report.value.fails"                   // 不成立
	ReportValueBelowThreshold         ID = "report.value.below_threshold"         // 低于门槛
)

// The report's fixed text.
const (
	ReportChartNoValue              ID = "report.chart.no_value"               // 无
	ReportChartPlanTrajectory       ID = "report.chart.plan_trajectory"        // 计划轨迹
	ReportChartNoData               ID = "report.chart.no_data"                // 无数据
	ReportChartActual               ID = "report.chart.actual"                 // 实际
	ReportChartExpected             ID = "report.chart.expected"               // 计划
	ReportChartRankIntervals        ID = "report.chart.rank_intervals"         // 排名区间 (5%–95%)
	ReportChartCompositeScore       ID = "report.chart.composite_score"        // 综合得分
	ReportChartSurveyScore          ID = "report.chart.survey_score"           // 满意度/测评得分
	ReportChartRankIntervalsChoices ID = "report.chart.rank_intervals_choices" // 构建选择下的排名区间 (5%–95%)
	ReportValueSuppressed           ID = "report.value.suppressed"             // 已抑制
	ReportValueSelfNotScored        ID = "report.value.self_not_scored"        // 自评不计分
	ReportValueNoResponses          ID = "report.value.no_responses"           // 无答卷
	ReportValueZeroWeight           ID = "report.value.zero_weight"            // 权重为0
	ReportValueNotScored            ID = "report.value.not_scored"             // 不计分
	ReportValueExcluded             ID = "report.value.excluded"               // 已剔除
	ReportValueConsistent           ID = "report.value.consistent"             // 一致
	ReportValueInconsistent         ID = "report.value.inconsistent"           // 不一致
	ReportValueSynthetic            ID = "report.value.synthetic"              // 合成
	ReportMethodAchievement         ID = "report.method.achievement"           // 完成率
	ReportMethodProrata             ID = "report.method.prorata"               // 累计进度
	ReportMethodBands               ID = "report.method.bands"                 // 区间
	ReportMethodRubric              ID = "report.method.rubric"                // 定性评分
	ReportMethodTrajectory          ID = "report.method.trajectory"            // 轨迹
	ReportMethodMinmax              ID = "report.method.minmax"                // 极差
	ReportMethodZscore              ID = "report.method.zscore"                // 标准分
	ReportMethodRank                ID = "report.method.rank"                  // 排序
	ReportMethodDistance            ID = "report.method.distance"              // 距离
	ReportMethodThreshold           ID = "report.method.threshold"             // 标准表
	ReportLimitationSynthetic       ID = "report.limitation.synthetic"         // 本报告的数据为合成数据，仅供演示，不反映任何单位的实际绩效。
	ReportLimitationIllustrative    ID = "report.limitation.illustrative"      // 本报告的权重或专家判断为示例性质。
	ReportLimitationWeightsOnly     ID = "report.limitation.weights_only"      // 不确定性分析只扰动权重，不反映数据本身的测量误差。
	ReportLimitationScoringRules    ID = "report.limitation.scoring_rules"     // 得分依赖所选评分规则与目标口径；口径调整见指标说明。
	ReportLimitationMissing         ID = "report.limitation.missing"           // 有 {count} 个指标×单位数值缺失，按“{policy}”规则处理，相关得分的可比性受影响。
	ReportLimitationExpertsExcluded ID = "report.limitation.experts_excluded"  // {count} 个专家判断矩阵因一致性比率超过阈值被剔除。
	ReportLimitationSuppressed      ID = "report.limitation.suppressed"        // {count} 个单位×评价主体单元人数低于最低要求，已抑制且不公开其答卷；其权重未转移给其他主体。
	ReportLimitationSourcesDisagree ID = "report.limitation.sources_disagree"  // {count} 处不同来源的数据不一致，采用优先级最高的数据集。
	ReportLimitationEconomyInputs   ID = "report.limitation.economy_inputs"    // 本指标体系“经济”维度所列的财政收入、税收、投资等指标，是作为“投入”（地区为公共服务和发展筹集、引入的资源，越多越好）计入的，与4E框架中“经济”的通常含义相反：通常的“经济”指以较低成本取得投入（成本越低越好）。原因是规划（000_5f10bc819717fac2.txt）的指标表没有行政成本或支出节约一类的成本指标，只有收入和投资规模；本评估按规划的口径把它们归入经济维度。因此经济维度得分高表示筹集和引入的资源多，不表示节约；读者不应据此判断行政成本是否合理。
	ReportMissingZero               ID = "report.missing.zero"                 // 缺失值计0分。
	ReportMissingMean               ID = "report.missing.mean"                 // 缺失值以其他单位该指标的平均得分替代。
	ReportMissingRenormalise        ID = "report.missing.renormalise"          // 缺失指标不计入，其同级指标权重按比例重新归一。
)

// The report's labels, running text and captions (reports/).
const (
	ReportLabelPlanText                ID = "report.label.plan_text"                // 规划原文
	ReportLabelLeniency                ID = "report.label.leniency"                 // 宽严校正
	ReportLabelJudgmentScale           ID = "report.label.judgment_scale"           // 标度
	ReportLabelLevelMeanShift          ID = "report.label.level_mean_shift"         // 平均名次变动
	ReportTextLeniencyCounts           ID = "report.text.leniency_counts"           // 评价人 {raters} 名，校正 {corrected} 名，仅评一个单位 {single_unit} 名，评分无差异 {zero_variance} 名，截断 {clamped} 名
	ReportTextJudgmentSteps            ID = "report.text.judgment_steps"            // 每个判断 ±{steps} 级
	ReportTextSamplesRejected          ID = "report.text.samples_rejected"          // 剔除 {count} 次
	ReportTextOffScaleKept             ID = "report.text.off_scale_kept"            // {count} 个非标度判断保持不变
	ReportTextAssessmentIndicators     ID = "report.text.assessment_indicators"     // {count} 项，全局权重 {weight}
	ReportTextRuleRankRise             ID = "report.text.rule_rank_rise"            // 进位显著奖：名次较上一评价期上升不少于 {places} 位
	ReportTextRuleRectification        ID = "report.text.rule_rectification"        // 意见整改成效显著奖：以往评价期提出的整改事项于本期末前全部整改并验收
	ReportValueSourcePreliminary       ID = "report.value.source_preliminary"       // 来源标注预计/初步
	ReportValueWorkReportOnly          ID = "report.value.work_report_only"         // 仅见于政府工作报告（年度统计公布前）
	ReportValueCaliberNotStated        ID = "report.value.caliber_not_stated"       // 口径未说明
	ReportValueSourceNotRecorded       ID = "report.value.source_not_recorded"      // 来源未记录
	ReportValueContinuousFactor        ID = "report.value.continuous_factor"        // 连续随机因子
	ReportValueWinsorised              ID = "report.value.winsorised"               // 缩尾
	ReportValueLogTransform            ID = "report.value.log_transform"            // 对数变换
	ReportValueStillFails              ID = "report.value.still_fails"              // 仍未通过
	ReportValueCollinear               ID = "report.value.collinear"                // 高度共线
	ReportValueNegative                ID = "report.value.negative"                 // 负相关
	ReportValueGrowth                  ID = "report.value.growth"                   // 增长
	ReportValueChallengeNotMet         ID = "report.value.challenge_not_met"        // 未达到
	ReportValueChallengeMet            ID = "report.value.challenge_met"            // 达到
	ReportInputAll                     ID = "report.input.all"                      // 全部输入
	ReportInputFramework               ID = "report.input.framework"                // 指标体系
	ReportInputUnits                   ID = "report.input.units"                    // 被考评单位
	ReportInputAdjustments             ID = "report.input.adjustments"              // 加减分
	ReportInputConfiguration           ID = "report.input.configuration"            // 运行配置
	ReportInputDataset                 ID = "report.input.dataset"                  // 数据集
	ReportInputMatrix                  ID = "report.input.matrix"                   // 判断矩阵
	ReportInputSurvey                  ID = "report.input.survey"                   // 问卷
	ReportInputPreviousRun             ID = "report.input.previous_run"             // 上期结果
	ReportFactorNormalisation          ID = "report.factor.normalisation"           // 标准化方法
	ReportFactorScoring                ID = "report.factor.scoring"                 // 评分规则
	ReportFactorMissing                ID = "report.factor.missing"                 // 缺失数据处理
	ReportFactorAggregation            ID = "report.factor.aggregation"             // 汇总方法
	ReportFactorWeightSet              ID = "report.factor.weight_set"              // 权重集
	ReportFactorWeightNoise            ID = "report.factor.weight_noise"            // 权重扰动
	ReportFactorScale                  ID = "report.factor.scale"                   // 判断标度
	ReportFactorJudgmentNoise          ID = "report.factor.judgment_noise"          // 判断扰动
	ReportAggregationWeightedsum       ID = "report.aggregation.weightedsum"        // 加权求和
	ReportAggregationGeometric         ID = "report.aggregation.geometric"          // 加权几何平均
	ReportAggregationTOPSIS            ID = "report.aggregation.topsis"             // TOPSIS 逼近理想解
	ReportAggregationVIKOR             ID = "report.aggregation.vikor"              // VIKOR 折衷排序
	ReportAggregationPROMETHEE2        ID = "report.aggregation.promethee2"         // PROMETHEE II 净流量
	ReportAggregationGRA               ID = "report.aggregation.gra"                // 灰色关联度
	ReportDiagnosticsTooFewIndicators  ID = "report.diagnostics.too_few_indicators" // 少于两个指标对所有单位都有不同的得分，未计算相关、α 与主成分。
	ReportDiagnosticsCorrelationFailed ID = "report.diagnostics.correlation_failed" // 相关矩阵无法计算。
	ReportDiagnosticsAlphaFailed       ID = "report.diagnostics.alpha_failed"       // α 无法计算。
	ReportDiagnosticsPcaFailed         ID = "report.diagnostics.pca_failed"         // 主成分分析无法计算。
	ReportAwardRankRise                ID = "report.award.rank_rise"                // 进位显著奖
	ReportAwardRectification           ID = "report.award.rectification"            // 意见整改成效显著奖
	ReportRectifyFromFail              ID = "report.rectify.from_fail"              // 不合格限期整改
	ReportRectifyFromOpinion           ID = "report.rectify.from_opinion"           // 社会评价意见
	ReportRectifyFromOther             ID = "report.rectify.from_other"             // 其他
	ReportRectifyOpen                  ID = "report.rectify.open"                   // 未完成
	ReportRectifyClosed                ID = "report.rectify.closed"                 // 已整改待验收
	ReportRectifyAudited               ID = "report.rectify.audited"                // 已整改并验收
	ReportRectifyOverdue               ID = "report.rectify.overdue"                // 逾期未完成
)

// The report's fixed text.
const (
	ReportCoverTitleSuffix ID = "report.cover.title_suffix" // 绩效评估报告
)

// The report's labels, running text and captions (reports/).
const (
	ReportLabelOriginalCaliber ID = "report.label.original_caliber" // 原口径
	ReportLabelRestatedCaliber ID = "report.label.restated_caliber" // 调整后
)

// The report's labels, running text and captions (reports/).
const (
	ReportTextConcentration           ID = "report.text.concentration"             // 集中度参数 c = {c}
	ReportTextFraction                ID = "report.text.fraction"                  // 扰动幅度 ±{fraction}
	ReportTextKendallCounts           ID = "report.text.kendall_counts"            // 评价人 {raters} 名，单位 {units} 个
	ReportWeightMethodEqual           ID = "report.weight_method.equal"            // 等权重
	ReportWeightMethodDirect          ID = "report.weight_method.direct"           // 直接赋权
	ReportWeightMethodAhp             ID = "report.weight_method.ahp"              // 层次分析法
	ReportWeightMethodEntropy         ID = "report.weight_method.entropy"          // 熵权法
	ReportWeightMethodCritic          ID = "report.weight_method.critic"           // CRITIC 法
	ReportWeightMethodCombined        ID = "report.weight_method.combined"         // 组合赋权
	ReportAhpPriorityEigenvector      ID = "report.ahp.priority.eigenvector"       // 特征向量法
	ReportAhpPriorityGeometric        ID = "report.ahp.priority.geometric"         // 几何平均法
	ReportAhpRiSaaty                  ID = "report.ahp.ri.saaty"                   // Saaty 表
	ReportAhpRiAlonsoLamata           ID = "report.ahp.ri.alonso_lamata"           // Alonso–Lamata 公式
	ReportAhpGateExclude              ID = "report.ahp.gate.exclude"               // 剔除未通过一致性检验的矩阵
	ReportAhpGateBlock                ID = "report.ahp.gate.block"                 // 暂停计算群组结果
	ReportAhpAggregationAij           ID = "report.ahp.aggregation.aij"            // 集结个体判断（AIJ）
	ReportAhpAggregationAipGeometric  ID = "report.ahp.aggregation.aip_geometric"  // 集结个体优先级（AIP，几何平均）
	ReportAhpAggregationAipArithmetic ID = "report.ahp.aggregation.aip_arithmetic" // 集结个体优先级（AIP，算术平均）
	ReportPerturbationDirichlet       ID = "report.perturbation.dirichlet"         // 狄利克雷扰动
	ReportPerturbationUniform         ID = "report.perturbation.uniform"           // 均匀扰动
	ReportPerturbationJudgments       ID = "report.perturbation.judgments"         // 判断扰动
)

// The report's headings (reports/templates/report.html.tmpl).
const (
	ReportHeadingChallengeBenchmarks ID = "report.heading.challenge_benchmarks" // 挑战目标与标杆
)

// The report's comments section (issue 14: comments per group under their own threshold).
const (
	ReportHeadingComments        ID = "report.heading.comments"         // 意见建议
	ReportTextCommentsIntro      ID = "report.text.comments_intro"      // 按单位和评价主体列出，不附评价人化名；提出意见的评价人少于该组意见阈值（不低于其评分阈值）的，只标明“已抑制”。
	ReportColumnComments         ID = "report.column.comments"          // 意见
	ReportTextCommentsSuppressed ID = "report.text.comments_suppressed" // 已抑制：提出意见者少于 {n} 人
	ReportTextCommentsRaters     ID = "report.text.comments_raters"     // {n} 人提出意见
)

// Framework validation (evaluation/engine/framework.go, Framework.Validate)
const (
	ValidationFramework             ID = "validation.framework"               // 框架不符合要求
	FrameworkPlanPeriod             ID = "framework.plan_period"              // 规划期{start}—{end}不是有效的年份区间
	FrameworkFourDimensions         ID = "framework.four_dimensions"          // 框架须恰好包含4E的四个维度（现有{count}个）
	FrameworkDimensionMissing       ID = "framework.dimension_missing"        // 缺少维度（null）
	FrameworkDimensionCode          ID = "framework.dimension_code"           // 第{position}个维度须为“{want}”（现为“{got}”）
	FrameworkMustBeKind             ID = "framework.must_be_kind"             // 须为“{kind}”
	FrameworkCodeFormat             ID = "framework.code_format"              // 编码须以字母开头，只含字母、数字、“_”“.”“-”，至多64个字符
	FrameworkCodeTwice              ID = "framework.code_twice"               // 编码“{code}”重复使用（另见{other}）
	FrameworkNameRequired           ID = "framework.name_required"            // 名称为必填项
	FrameworkOnlyIndicatorAttrs     ID = "framework.only_indicator_attrs"     // 只有指标节点才有指标属性
	FrameworkNodeMissing            ID = "framework.node_missing"             // 缺少节点（null）
	FrameworkDimensionNested        ID = "framework.dimension_nested"         // 维度不能嵌套在其他节点下
	FrameworkIndicatorLeaf          ID = "framework.indicator_leaf"           // 指标是末级节点，不能有下级
	FrameworkIndicatorAttrsRequired ID = "framework.indicator_attrs_required" // 指标属性为必填项
	FrameworkKind                   ID = "framework.kind"                     // kind须为dimension、group或indicator（现为“{kind}”）
	FrameworkCurrencyScaleOnly      ID = "framework.currency_scale_only"      // 只有货币类指标才有货币单位换算
	FrameworkCurrencyScalePositive  ID = "framework.currency_scale_positive"  // 货币类指标须有正的单位换算（每单位元数，如亿元为100000000）
	FrameworkValueKind              ID = "framework.value_kind"               // value_kind须为quantity、percent、count或currency（现为“{kind}”）
	FrameworkUnitRequired           ID = "framework.unit_required"            // 计量单位为必填项（如亿元、%、万人）
	FrameworkPolarityTargetFinal    ID = "framework.polarity_target_final"    // 目标值型指标须有期末目标
	FrameworkPolarityRange          ID = "framework.polarity_range"           // 区间型指标须满足range_low ≤ range_high
	FrameworkPolarity               ID = "framework.polarity"                 // polarity须为higher、lower、target或range（现为“{polarity}”）
	FrameworkRubricRequired         ID = "framework.rubric_required"          // 定性指标须有评分细则（等级→得分）
	FrameworkTargetKind             ID = "framework.target_kind"              // target_kind须为level、growth_rate、cumulative、upper_bound、lower_bound或qualitative（现为“{kind}”）
	FrameworkRubricLabel            ID = "framework.rubric_label"             // 评分细则的等级名称不能为空且不能重复
	FrameworkRubricScore            ID = "framework.rubric_score"             // 评分细则的得分须在0—100之间
	FrameworkBaselineFinite         ID = "framework.baseline_finite"          // 基期值须为有限数值
	FrameworkYearOutside            ID = "framework.year_outside"             // {year}年不在规划期{start}—{end}内
	FrameworkYearTwoTargets         ID = "framework.year_two_targets"         // {year}年有两个目标
	FrameworkBasis                  ID = "framework.basis"                    // basis须为level或growth（现为“{basis}”）
	FrameworkMustBeFinite           ID = "framework.must_be_finite"           // 须为有限数值
	FrameworkAnnualTargetEmpty      ID = "framework.annual_target_empty"      // 年度目标须有数值或文字
	FrameworkCaliberReason          ID = "framework.caliber_reason"           // 口径说明须写明数值调整的原因
	FrameworkAssessment             ID = "framework.assessment"               // assessment须为achievement（实现程度）或measurement（绩效测度）（现为“{assessment}”）
	FrameworkYearTwoChallenge       ID = "framework.year_two_challenge"       // {year}年有两个挑战目标
	FrameworkChallengeFinite        ID = "framework.challenge_finite"         // 挑战目标须为有限数值
	FrameworkChallengeShort         ID = "framework.challenge_short"          // 挑战目标{challenge}未达到{year}年的年度目标{target}
	FrameworkBenchmarkBoth          ID = "framework.benchmark_both"           // 外部标杆须同时有名称和数值（或都不填：只与最优单位和本单位上期比较）
)

// Run configuration validation (evaluation/engine/inputs.go, RunConfig.Check; aggregation.go, sensitivity.go, diagnostics.go reuse the run_config.* ids of issue 16)
const (
	ValidationRunConfig        ID = "validation.run_config"          // 运行配置不符合要求
	RunConfigPeriod            ID = "run_config.period"              // 期间“{period}”无法识别：应为年份（2016）、半年（2016-H1）、季度（2016-Q3）或月份（2017-09）
	RunConfigCoverageThreshold ID = "run_config.coverage_threshold"  // coverage_threshold为权重占比，取值于[0, 1]
	RunConfigMissing           ID = "run_config.missing"             // missing须为exclude、zero或mean（现为“{missing}”）
	RunConfigComponentCodes    ID = "run_config.component_codes"     // 各组成部分的编码须为有效且互不相同的编码
	RunConfigComponentWeight   ID = "run_config.component_weight"    // 权重不能为负数
	RunConfigNoSurvey          ID = "run_config.no_survey"           // 本次运行没有问卷“{survey}”
	RunConfigComponentSource   ID = "run_config.component_source"    // source须为“indicators”或“survey:问卷编码”
	RunConfigComponentsSum     ID = "run_config.components_sum"      // 各组成部分的权重之和须大于0
	RunConfigNoIndicator       ID = "run_config.no_indicator"        // 框架中没有指标“{code}”
	RunConfigScoringMethod     ID = "run_config.scoring_method"      // 未知的评分方法“{method}”
	RunConfigThresholdTable    ID = "run_config.threshold_table"     // 阈值表至少需要两个点
	RunConfigCapFloor          ID = "run_config.cap_floor"           // 得分在0—100之间：上限和下限须在此范围内（超额完成以加分奖励）
	RunConfigPath              ID = "run_config.path"                // path须为linear或compound
	RunConfigGradeCode         ID = "run_config.grade_code"          // 等次须有编码
	RunConfigGradeOrder        ID = "run_config.grade_order"         // 等次从最高档向下排列：最低分不能递增
	RunConfigGradeQuota        ID = "run_config.grade_quota"         // 名额比例为单位数的占比，取值于[0, 1]
	RunConfigConstraintKind    ID = "run_config.constraint_kind"     // 约束只有min_share一种
	RunConfigMonteCarloSeed    ID = "run_config.monte_carlo_seed"    // 种子不超过2^53，以便规范化JSON精确记录
	RunConfigMonteCarloSamples ID = "run_config.monte_carlo_samples" // samples取值于0—1,000,000
	RunConfigPerturbation      ID = "run_config.perturbation"        // perturbation须为dirichlet或uniform
	RunConfigConcentration     ID = "run_config.concentration"       // concentration须为正数，fraction取值于(0, 1)
	RunConfigRankRise          ID = "run_config.rank_rise"           // rank_rise为名次数，取值于0—1000（0表示不设进位奖）
	RunConfigAtRisk            ID = "run_config.at_risk"             // at_risk不能超过on_track
	RunConfigFunctionInvalid   ID = "run_config.function_invalid"    // 偏好函数设置有误：{error}
)

// Weight set and judgment validation (evaluation/engine/weights.go: WeightSet.Check, AHPConfig.options, CheckJudgment)
const (
	ValidationWeightSet        ID = "validation.weight_set"           // 权重集不符合要求
	ValidationJudgment         ID = "validation.judgment"             // 判断矩阵不符合要求
	WeightSetDirectRequired    ID = "weight_set.direct_required"      // 直接赋权的权重集须给出每个节点的局部权重
	WeightSetCombinedRequired  ID = "weight_set.combined_required"    // 组合赋权的权重集须指明主观方法、客观方法和α
	WeightSetSubjective        ID = "weight_set.subjective"           // subjective须为ahp、direct或equal
	WeightSetObjective         ID = "weight_set.objective"            // objective须为entropy或critic
	WeightSetAlpha             ID = "weight_set.alpha"                // α取值于[0, 1]
	WeightSetFormula           ID = "weight_set.formula"              // formula须为linear或product
	WeightSetMethod            ID = "weight_set.method"               // method须为equal、direct、ahp、entropy、critic或combined（现为“{method}”）
	WeightSetExpertWeight      ID = "weight_set.expert_weight"        // 专家权重须为正数
	WeightSetNoNode            ID = "weight_set.no_node"              // 框架中没有带下级节点的节点“{node}”
	WeightSetChildrenOrder     ID = "weight_set.children_order"       // 下级节点须为{children}，且按此顺序
	WeightSetOneWeightPerChild ID = "weight_set.one_weight_per_child" // 每个下级节点须有一个权重
	WeightSetWeightsInvalid    ID = "weight_set.weights_invalid"      // 权重不符合要求：{error}
	WeightSetNoChild           ID = "weight_set.no_child"             // 节点“{node}”没有下级节点“{child}”
	WeightSetSingleChild       ID = "weight_set.single_child"         // 节点“{node}”只有一个下级节点，其权重为1
	WeightSetAdjustedWeight    ID = "weight_set.adjusted_weight"      // 调整后的局部权重取值于[0, 1)
	WeightSetAdjustmentReason  ID = "weight_set.adjustment_reason"    // 权重调整须写明理由
	WeightSetAHPPriority       ID = "weight_set.ahp_priority"         // priority须为eigenvector或geometric（现为“{priority}”）
	WeightSetAHPRI             ID = "weight_set.ahp_ri"               // ri须为saaty或alonso-lamata（现为“{ri}”）
	WeightSetAHPCRThreshold    ID = "weight_set.ahp_cr_threshold"     // cr_threshold取值于[0, 1]
	WeightSetAHPGate           ID = "weight_set.ahp_gate"             // gate须为exclude或block（现为“{gate}”）
	WeightSetAHPTrimOnly       ID = "weight_set.ahp_trim_only"        // trim只适用于aij-trimmed和aij-quantile两种集结方式
	WeightSetAHPTrimRange      ID = "weight_set.ahp_trim_range"       // trim取值于[0, 0.5)
	WeightSetAHPAggregation    ID = "weight_set.ahp_aggregation"      // aggregation须为aij、aij-trimmed、aij-quantile、aip-geometric或aip-arithmetic（现为“{aggregation}”）
	JudgmentNoNode             ID = "judgment.no_node"                // 框架中没有这个带下级节点的节点
	JudgmentCriteria           ID = "judgment.criteria"               // 节点{node}的比较准则为{children}，且按此顺序
	JudgmentSingleChild        ID = "judgment.single_child"           // 只有一个下级节点的节点无需两两比较
	JudgmentRows               ID = "judgment.rows"                   // 判断矩阵有{rows}行，而节点{node}有{children}个下级节点
	JudgmentRowLength          ID = "judgment.row_length"             // 第{row}行有{count}个值，应为{want}个
	JudgmentPositive           ID = "judgment.positive"               // 判断值须为正数（0表示缺失）
	JudgmentDiagonal           ID = "judgment.diagonal"               // 对角线上的值为1
	JudgmentIncomplete         ID = "judgment.incomplete"             // 判断矩阵无法补全：{error}
)

// Run preconditions (evaluation/engine: engine.go, engine_grades.go, ensemble.go, sensitivity.go, aggregation.go, survey_aggregate.go)
const (
	RunNeedsFramework      ID = "run.needs_framework"      // 运行需要指标框架
	RunNeedsUnits          ID = "run.needs_units"          // 运行需要被评价单位
	RunWeightSetUnusable   ID = "run.weight_set_unusable"  // 该权重集暂时无法使用
	RunConstraintsViolated ID = "run.constraints_violated" // 运行配置不满足委托方的约束
	RunConstraintShare     ID = "run.constraint_share"     // {label}在综合得分中的权重为{share}，委托方要求至少为{min}
	RunConstraintSource    ID = "run.constraint_source"    // 约束无法计算：{error}
	RunNoSurvey            ID = "run.no_survey"            // 没有可汇总的问卷
)

// Survey validation (evaluation/engine/survey.go, Survey.Validate; survey_aggregate.go, the responses against the survey)
const (
	ValidationSurvey       ID = "validation.survey"         // 问卷不符合要求
	ValidationResponses    ID = "validation.responses"      // 答卷与问卷不符
	SurveyTitleRequired    ID = "survey.title_required"     // 标题为必填项
	SurveyTitleLong        ID = "survey.title_long"         // 标题超过{max}个字符
	SurveyKindInvalid      ID = "survey.kind_invalid"       // kind须为social（社会满意度）、leadership或360
	SurveyScaleRange       ID = "survey.scale_range"        // 量表须满足min < max（有限数值）；两者都不填时，分类量表取其各类别的分值
	SurveyCategoriesMax    ID = "survey.categories_max"     // 类别至多{max}个
	SurveyCategoryLabel    ID = "survey.category_label"     // 类别须有名称
	SurveyLabelTwice       ID = "survey.label_twice"        // 该名称重复使用
	SurveyLabelNumber      ID = "survey.label_number"       // 类别名称不能是数字：答卷文件中的数字按分值读取
	SurveyCategoryScore    ID = "survey.category_score"     // 分值须在量表范围[{min}, {max}]内
	SurveyItemsRequired    ID = "survey.items_required"     // 问卷至少需要一个题目
	SurveyItemsMax         ID = "survey.items_max"          // 题目至多{max}个
	SurveyCodeTwice        ID = "survey.code_twice"         // 该编码重复使用（另见{other}）
	SurveyItemText         ID = "survey.item_text"          // 题目的问题文字为必填项
	SurveyItemDimension    ID = "survey.item_dimension"     // dimension须为economy、efficiency、effectiveness、equity之一（或不填）
	SurveyItemContent      ID = "survey.item_content"       // content须为duty、efficiency、work_style、service_attitude、integrity、openness之一（或不填）
	SurveyGroupsRequired   ID = "survey.groups_required"    // 问卷至少需要一个评价主体
	SurveyGroupsMax        ID = "survey.groups_max"         // 评价主体至多{max}个
	SurveyGroupCode        ID = "survey.group_code"         // 编码须为superior、peer、subordinate、self、public、expert或自定义编码（字母开头，只含字母、数字、“_”“.”“-”）
	SurveyGroupTwice       ID = "survey.group_twice"        // 该评价主体重复定义（另见{other}）
	SurveyGroupName        ID = "survey.group_name"         // 自定义评价主体须有名称
	SurveyGroupWeight      ID = "survey.group_weight"       // 权重须为不小于0的有限数值
	SurveyMinRaters        ID = "survey.min_raters"         // min_raters须在1至100000之间
	SurveyCountedWeight    ID = "survey.counted_weight"     // 至少一个计入得分的评价主体须有正的权重（自评只在设置options.include_self时计入）
	SurveyTrimK            ID = "survey.trim_k"             // trim_k须在0至{max}之间
	SurveyBlindSpotShare   ID = "survey.blind_spot_share"   // blind_spot_share为量表范围的占比，取值于(0, 1]
	ResponsesNoGroup       ID = "responses.no_group"        // 问卷中没有这个评价主体
	ResponsesNoItem        ID = "responses.no_item"         // 问卷中没有这个题目
	ResponsesUnitRequired  ID = "responses.unit_required"   // 被评价单位为必填项
	ResponsesRaterRequired ID = "responses.rater_required"  // 评价人为必填项
	ResponsesScoreOffScale ID = "responses.score_off_scale" // 分值不在问卷的量表上
	ResponsesWithheldTwice ID = "responses.withheld_twice"  // 该单元格被重复标记为不予公布
	ResponsesWithheldCell  ID = "responses.withheld_cell"   // 该答卷所在单元格已因人数不足不予公布
	ResponsesTwice         ID = "responses.twice"           // 评价人{rater}在评价主体{group}中对单位{unit}的题目{item}作答了两次
)

// Service: weight sets (evaluation/weightsets.go) — validation and conflicts
const (
	ValidationAdjustment      ID = "validation.adjustment"        // 权重调整不符合要求
	ValidationPanel           ID = "validation.panel"             // 专家组未导入，未保存任何内容
	ValidationCompare         ID = "validation.compare"           // 请指明要比较的两个权重集
	FieldNameRequired         ID = "field.name_required"          // 名称为必填项
	WeightSetDatasetRequired  ID = "weight_set.dataset_required"  // {method}权重由数据计算：请指定本委托的一个数据集
	WeightSetDatasetUnused    ID = "weight_set.dataset_unused"    // 只有entropy、critic和combined权重集使用数据集
	WeightSetNoDataset        ID = "weight_set.no_dataset"        // 本委托没有这个数据集
	WeightSetNewAdjustments   ID = "weight_set.new_adjustments"   // 新建的权重集不含调整：请通过…/adjustments调整导出的权重，这会生成新版本
	WeightSetNoFramework      ID = "weight_set.no_framework"      // 本委托没有这个指标框架
	WeightSetFrameworkFixed   ID = "weight_set.framework_fixed"   // 权重集的指标框架不能更改：请在另一框架上新建权重集
	WeightSetAdjustmentsVia   ID = "weight_set.adjustments_via"   // 调整须通过…/adjustments进行，这会生成新版本；请不填或保持不变
	PanelNoExpert             ID = "panel.no_expert"              // 专家组中没有专家
	PanelKeyUserID            ID = "panel.key_user_id"            // 专家组的标识不能是用户编号：有账户的专家自行提交判断矩阵
	PanelKeyFormat            ID = "panel.key_format"             // 专家组的标识须以字母开头，只含字母、数字、“_”“.”“-”，至多64个字符
	PanelKeySame              ID = "panel.key_same"               // 与experts[{index}]的标识相同
	PanelExpertName           ID = "panel.expert_name"            // 专家姓名为必填项
	PanelExpertNameLong       ID = "panel.expert_name_long"       // 专家姓名超过{max}个字符
	PanelOrganisationLong     ID = "panel.organisation_long"      // 专家所在单位超过{max}个字符
	PanelNoMatrix             ID = "panel.no_matrix"              // 该专家没有给出判断矩阵
	PanelSameNode             ID = "panel.same_node"              // 与judgments[{index}]判断的是同一节点
	PanelJudgmentOrganisation ID = "panel.judgment_organisation"  // 单位按专家填写一次：experts[{index}].organisation，不在各判断矩阵上填写
	AdjustmentNodeFewChildren ID = "adjustment.node_few_children" // 下级节点少于两个的节点没有可调整的权重
	AdjustmentNoChild         ID = "adjustment.no_child"          // 节点{node}没有下级节点“{child}”（其下级节点为{children}）
	AdjustmentWeightRequired  ID = "adjustment.weight_required"   // weight为必填项：该下级节点新的局部权重，取值于[0, 1)
	AdjustmentWeightRange     ID = "adjustment.weight_range"      // 调整后的局部权重取值于[0, 1)；其余同级节点按原比例分配剩余权重
	CompareFrom               ID = "compare.from"                 // from须指明一个权重集
	CompareTo                 ID = "compare.to"                   // to须指明一个权重集
	CompareNoSuchSet          ID = "compare.no_such_set"          // 本委托没有这个权重集
	ConflictWeightsClosed     ID = "conflict.weights_closed"      // 委托状态为“{status}”，权重不能再修改
	ConflictWeightSetLocked   ID = "conflict.weight_set_locked"   // 第{number}号权重集已被运行使用而锁定，其配置和判断矩阵不能再修改（调整权重会生成新版本）
	ConflictNoJudgments       ID = "conflict.no_judgments"        // 第{number}号权重集以{method}方法导出权重，不接受层次分析法判断矩阵
	ConflictNoCompleteWeights ID = "conflict.no_complete_weights" // 第{number}号权重集尚未导出完整的权重（{problems}），没有可调整的权重
)

// Service: runs (evaluation/runs.go) — validation and conflicts
const (
	ValidationRunRequest           ID = "validation.run_request"             // 运行请求不符合要求
	RunRequestWeightSet            ID = "run_request.weight_set"             // 请指明要使用的权重集
	RunRequestDatasets             ID = "run_request.datasets"               // 请至少指明一个已冻结的数据集
	RunRequestNoWeightSet          ID = "run_request.no_weight_set"          // 本委托没有这个权重集
	RunRequestFrameworkMismatch    ID = "run_request.framework_mismatch"     // 第{number}号权重集是为指标框架{framework}建立的，而非{requested}
	RunRequestNoDataset            ID = "run_request.no_dataset"             // 本委托没有这个数据集
	RunRequestDatasetNotFrozen     ID = "run_request.dataset_not_frozen"     // 第{number}号数据集尚未冻结；请先冻结再用于运行
	RunRequestNamedTwice           ID = "run_request.named_twice"            // 重复指定
	RunRequestNoSurvey             ID = "run_request.no_survey"              // 本委托没有这个问卷
	RunRequestJudgmentNeedsAHP     ID = "run_request.judgment_needs_ahp"     // 判断层面的不确定性分析须使用由层次分析法判断矩阵导出的权重集（第{number}号权重集为{method}）
	RunRequestAdjustmentReason     ID = "run_request.adjustment_reason"      // 加分和扣分须写明理由
	RunRequestNoPreviousRun        ID = "run_request.no_previous_run"        // 本委托没有这次运行
	RunRequestPreviousNotSucceeded ID = "run_request.previous_not_succeeded" // 第{number}次运行未成功完成；请指定一次成功的运行
	ConflictRunsClosed             ID = "conflict.runs_closed"               // 委托状态为“{status}”；请开始新的评价期
	ConflictRunEnded               ID = "conflict.run_ended"                 // 第{number}次运行已结束（{status}）
	ConflictRunNoResult            ID = "conflict.run_no_result"             // 第{number}次运行{status}，没有结果
)

// Service: commissions and units (evaluation/commission.go) — validation and conflicts
const (
	ValidationCommission             ID = "validation.commission"               // 委托不符合要求
	ValidationUnits                  ID = "validation.units"                    // 被评价单位不符合要求
	CommissionUnknownStatus          ID = "commission.unknown_status"           // 未知的状态“{status}”（draft、collecting、weighting、computing、review、published、accepted）
	CommissionTitleRequired          ID = "commission.title_required"           // 标题为必填项
	CommissionClientRequired         ID = "commission.client_required"          // 委托方为必填项
	CommissionPeriodStart            ID = "commission.period_start"             // period_start须为年份
	CommissionPeriodEnd              ID = "commission.period_end"               // period_end须为不早于period_start的年份
	CommissionEvaluatedPeriodOutside ID = "commission.evaluated_period_outside" // 被评价期间不在评价期内
	UnitCodeFormat                   ID = "unit.code_format"                    // 编码须以字母开头，只含字母、数字、“_”“.”“-”
	UnitCodeTwice                    ID = "unit.code_twice"                     // 该编码在请求中出现两次
	UnitKind                         ID = "unit.kind"                           // kind须为district、department、subdistrict或other
	UnitsNone                        ID = "unit.none"                           // 未给出被评价单位
	MemberRole                       ID = "member.role"                         // role须为{roles}之一
	MemberNoUser                     ID = "member.no_user"                      // 没有这个用户
	ConflictPublishedBySigning       ID = "conflict.published_by_signing"       // 委托在发布已签名报告时才成为“已发布”，不能通过修改状态实现
	ConflictAcceptedByReviewer       ID = "conflict.accepted_by_reviewer"       // 委托在验收人记录验收后才成为“已验收”
	ConflictAcceptedClosed           ID = "conflict.accepted_closed"            // 已验收的委托已关闭
	ConflictAlreadyStatus            ID = "conflict.already_status"             // 委托已处于“{status}”状态
	ConflictTransition               ID = "conflict.transition"                 // 委托不能从“{from}”转为“{to}”（从“{from}”可转为：{allowed}）
	ConflictCommissionNotEditable    ID = "conflict.commission_not_editable"    // 状态为“{status}”的委托不能编辑
	ConflictLastOwner                ID = "conflict.last_owner"                 // 委托至少保留一名负责人
	ForbiddenNoInstitute             ID = "forbidden.no_institute"              // 委托属于某个机构，而该用户不属于任何机构
)

// Service: judgment rounds (evaluation/rounds.go) — validation and conflicts
const (
	ValidationRound           ID = "validation.round"             // 评判轮次不符合要求
	ValidationAnswers         ID = "validation.answers"           // 答案不符合要求
	RoundNoComparableNode     ID = "round.no_comparable_node"     // 框架中没有含两个及以上下级节点、可供比较的节点
	RoundNodeTwice            ID = "round.node_twice"             // 该节点重复指定
	RoundNoSuchNode           ID = "round.no_such_node"           // 框架中没有这个含两个及以上下级节点的节点
	RoundDeadlineFuture       ID = "round.deadline_future"        // 截止时间须在将来
	RoundExpertsRequired      ID = "round.experts_required"       // 每轮至少邀请一名专家
	RoundKeyFormat            ID = "round.key_format"             // 标识须以字母开头，只含字母、数字、“_”“.”“-”，至多64个字符
	AnswersNoComparison       ID = "answers.no_comparison"        // 本轮在该节点不要求比较
	AnswersNoPair             ID = "answers.no_pair"              // 没有这一对比较项
	AnswersScale              ID = "answers.scale"                // 答案须在−9…9标度上，且不能为−1和0
	AnswersChoice             ID = "answers.choice"               // 须为answer、suggestion或kept
	ConflictRoundClosed       ID = "conflict.round_closed"        // 第{number}轮已结束
	ConflictRoundNoSubmission ID = "conflict.round_no_submission" // 第{number}轮尚无专家提交
	ConflictAnswersSubmitted  ID = "conflict.answers_submitted"   // 答案已提交，不能再修改
)

// Service: rectification items (evaluation/rectifications.go) — validation and conflicts
const (
	ValidationRectification       ID = "validation.rectification"           // 整改事项不符合要求
	ValidationRectificationUpdate ID = "validation.rectification_update"    // 整改事项的修改不符合要求
	ValidationClosure             ID = "validation.closure"                 // 销号不符合要求
	ValidationAudit               ID = "validation.audit"                   // 复核不符合要求
	RectDateRequired              ID = "rectification.date_required"        // 日期为必填项（YYYY-MM-DD）
	RectDateFormat                ID = "rectification.date_format"          // 日期格式为YYYY-MM-DD
	RectRequired                  ID = "rectification.required"             // 必填项
	RectTextLong                  ID = "rectification.text_long"            // 至多{max}字节
	RectSource                    ID = "rectification.source"               // source须为fail_grade、flag、social_opinion或other
	RectNoUnit                    ID = "rectification.no_unit"              // 本委托没有这个单位
	RectNoRun                     ID = "rectification.no_run"               // 本委托没有这次运行
	RectNothingChanges            ID = "rectification.nothing_changes"      // 请指明修改的内容：owner、deadline或issue
	RectClosureFuture             ID = "rectification.closure_future"       // 销号日期不能晚于今天
	RectAuditFuture               ID = "rectification.audit_future"         // 复核日期不能晚于今天
	RectAuditBeforeClosure        ID = "rectification.audit_before_closure" // 复核日期不能早于销号日期{closed}
	ConflictRectNotOpen           ID = "conflict.rectification_not_open"    // 第{number}号整改事项状态为{status}；只有未完成的事项可以修改
	ConflictRectAlready           ID = "conflict.rectification_already"     // 第{number}号整改事项已是{status}状态
	ConflictRectNotClosed         ID = "conflict.rectification_not_closed"  // 第{number}号整改事项状态为{status}；只有已销号的事项可以复核
)

// Service: rater links, datasets, acceptance, checkpoints, paging, frameworks, audit, passwords (evaluation/*.go) — validation and conflicts
const (
	ValidationRaterLinks       ID = "validation.rater_links"        // 评价链接请求不符合要求
	ValidationDatasetCompare   ID = "validation.dataset_compare"    // 请指明要比较的两个数据集版本
	ValidationAcceptance       ID = "validation.acceptance"         // 验收决定不符合要求
	RaterLinksNoUnit           ID = "rater_links.no_unit"           // 本委托没有这个被评价单位
	RaterLinksCount            ID = "rater_links.count"             // 每次可生成1至{max}个链接
	RaterLinksOpenOne          ID = "rater_links.open_one"          // 开放链接每次只生成一个
	RaterLinksRespondent       ID = "rater_links.respondent"        // 开放链接的答卷须有答卷人标识
	DatasetNoFramework         ID = "dataset.no_framework"          // 本委托没有这个指标框架
	DatasetCompareBoth         ID = "dataset.compare_both"          // 请指明要比较的两个数据集版本：from和to
	DatasetNoSuch              ID = "dataset.no_such"               // 本委托没有这个数据集
	FieldFormat                ID = "field.format"                  // 格式有误：{error}
	AcceptanceReasonsFailed    ID = "acceptance.reasons_failed"     // 在验收清单有未通过项（{items}）时接受，须写明理由
	AcceptanceRejectReasons    ID = "acceptance.reject_reasons"     // 不予验收须写明理由
	AcceptanceDecision         ID = "acceptance.decision"           // decision须为accept或reject
	ConflictNoPublishedReport  ID = "conflict.no_published_report"  // 本委托没有可作出验收决定的已发布报告
	ConflictAcceptWhileFailing ID = "conflict.accept_while_failing" // 在{items}未通过时不能接受该报告
	ConflictDecisionStatus     ID = "conflict.decision_status"      // 委托状态为“{status}”；验收决定须针对已发布的报告
	ConflictReportRepublished  ID = "conflict.report_republished"   // 其间已发布第{version}版报告；请先审阅
	ConflictAuditChainEmpty    ID = "conflict.audit_chain_empty"    // 审计链为空，没有可签署的检查点
	CheckpointInstitute        ID = "checkpoint.institute"          // 请指明由哪个机构的密钥签署检查点
	ForbiddenCheckpoint        ID = "forbidden.checkpoint"          // 只有机构管理员可以签署本机构的审计检查点
	CheckpointCommission       ID = "checkpoint.commission"         // 请指明要列出哪个委托所属机构的检查点
	PageLimit                  ID = "page.limit"                    // limit须在1至{max}之间
	PageOffset                 ID = "page.offset"                   // offset不能为负数
	ConflictFrameworkClosed    ID = "conflict.framework_closed"     // 委托状态为“{status}”，指标框架不能再修改
	ConflictNoFrameworkYet     ID = "conflict.no_framework_yet"     // 本委托尚无指标框架；请先创建或导入
	AuditCommission            ID = "audit.commission"              // 请指明要列出哪个委托的审计日志
	PasswordShort              ID = "password.short"                // 密码至少{min}个字符
	PasswordLong               ID = "password.long"                 // 密码至多1024字节
	ForbiddenSetPassword       ID = "forbidden.set_password"        // 只有机构管理员可以设置本机构用户的密码
)

// Service: institutes, users and tokens (evaluation/accounts.go) — validation and refusals
const (
	ValidationInstitute      ID = "validation.institute"       // 机构不符合要求
	ValidationUser           ID = "validation.user"            // 用户不符合要求
	InstituteCode            ID = "institute.code"             // 编码为1—63个小写字母、数字或“-”
	InstituteNoSuch          ID = "institute.no_such"          // 没有这个机构
	UserEmail                ID = "user.email"                 // 不是电子邮件地址
	UserInstituteRequired    ID = "user.institute_required"    // 用户须属于某个机构
	UserNotID                ID = "user.not_id"                // 不是有效的编号
	ForbiddenCreateInstitute ID = "forbidden.create_institute" // 只有平台管理员可以创建机构
	ForbiddenCreateUser      ID = "forbidden.create_user"      // 只有机构管理员可以创建用户
	ForbiddenOthersTokens    ID = "forbidden.others_tokens"    // 只有机构管理员可以管理其他用户的令牌
)

// Service: reports, surveys, signing keys, panels, permissions (evaluation/*.go) — conflicts and refusals
const (
	ConflictRunNotSucceededReport    ID = "conflict.run_not_succeeded_report"   // 第{number}次运行{status}；只有成功完成的运行才有报告
	ConflictRunNotSucceededPublish   ID = "conflict.run_not_succeeded_publish"  // 第{number}次运行{status}；只有成功完成的运行才能发布
	ConflictReportWouldNotVerify     ID = "conflict.report_would_not_verify"    // 该报告无法通过验证，因此未发布：{failed}
	ConflictReportDigest             ID = "conflict.report_digest"              // 报告的结果摘要{digest}与运行的摘要{run}不一致
	ConflictSupersededGone           ID = "conflict.superseded_gone"            // 要取代的报告已不存在
	ConflictReportPublishedMeanwhile ID = "conflict.report_published_meanwhile" // 其间已发布第{version}版报告；请再次发布以取代它
	ConflictReportsClosed            ID = "conflict.reports_closed"             // 委托已验收并关闭，其报告不能再修改
	ConflictPublishNeedsReview       ID = "conflict.publish_needs_review"       // 委托状态为“{status}”；请先转入审核再发布报告
	ConflictSurveysClosed            ID = "conflict.surveys_closed"             // 委托状态为“{status}”，不能再定义问卷
	ConflictSurveysFrozen            ID = "conflict.surveys_frozen"             // 委托状态为“{status}”，问卷不能再修改
	ConflictSurveyHasResponses       ID = "conflict.survey_has_responses"       // 问卷{code}已导入{responses}份答卷（{imports}次导入）：其量表、题目和评价主体不能再修改；标题、类型和选项可以修改——问卷改变时请定义新问卷
	ConflictNoMasterKey              ID = "conflict.no_master_key"              // 服务器没有主密钥，无法创建或使用签名密钥（请将EVALBENCH_MASTER_KEY设为32字节的十六进制或base64值）
	ForbiddenRotateKey               ID = "forbidden.rotate_key"                // 只有机构管理员可以轮换本机构的签名密钥
	ForbiddenPermission              ID = "forbidden.permission"                // 此操作需要委托的“{permission}”权限，您的角色（{roles}）不具备
)

// Service: imports (evaluation/imports.go) — conflicts; import.what.* is looked up by code (upload.what)
const (
	ImportWhatData        ID = "import.what.data"         // 数据
	ImportWhatResponses   ID = "import.what.responses"    // 答卷
	ConflictImportNoUnits ID = "conflict.import_no_units" // 本委托尚无被评价单位；请先添加，再导入{what}
	ConflictImportClosed  ID = "conflict.import_closed"   // 委托状态为“{status}”，不能再导入{what}
)

// Named raters and enumerator mode (evaluation/raterlinks.go, issue 14).
const (
	RaterLinksOpenNamed      ID = "rater_links.open_named"      // 开放链接不能指定评价人
	RaterLinksKeyShape       ID = "rater_links.key_shape"       // 评价人代码须为1至128个字符，首尾不能有空格
	RaterLinksKeyRepeated    ID = "rater_links.key_repeated"    // 评价人代码重复
	RaterLinksEnumRespondent ID = "rater_links.enum_respondent" // 答卷编号须为16至64个字母、数字、“-”或“_”
	RaterLinksEnumNoScores   ID = "rater_links.enum_no_scores"  // 没有回答任何题目
)

// Reminders for a survey's unanswered rater links (evaluation/raterlinks.go, issue 14).
const (
	ValidationRaterReminders ID = "validation.rater_reminders"  // 催答请求不符合要求
	RaterLinksDeadlineFuture ID = "rater_links.deadline_future" // 截止时间须晚于当前时间
)

// The one rule for text that enters evalbench (evaluation/engine/text.go).
const (
	TextInvalidUTF8At ID = "text.invalid_utf8_at" // 不是有效的 UTF-8（第 {offset} 字节为 {byte}）；请以 UTF-8 发送文本
	TextInvalidUTF8   ID = "text.invalid_utf8"    // 不是有效的 UTF-8；请以 UTF-8 发送文本
	TextNUL           ID = "text.nul"             // 含有 NUL 字节（U+0000）；文本不能包含 NUL
	TextControl       ID = "text.control"         // 含有控制字符 {char}；文本可以包含制表符和换行，但不能包含其他控制字符
	TextParamName     ID = "text.param_name"      // 参数名{problem}
	TextKey           ID = "text.key"             // 键名{problem}
)

// Why a request is not authenticated (evaluation/accounts.go, sessions.go).
const (
	AuthTokenMalformed   ID = "auth.token_malformed"   // 令牌格式不正确
	AuthTokenUnknown     ID = "auth.token_unknown"     // 令牌不存在或已撤销
	AuthSigninFailed     ID = "auth.signin_failed"     // 用户名或密码错误，或账户暂时被锁定
	AuthSigninThrottled  ID = "auth.signin_throttled"  // 此地址登录失败次数过多，请稍后再试
	AuthSessionMalformed ID = "auth.session_malformed" // 会话格式不正确，请重新登录
	AuthSessionUnknown   ID = "auth.session_unknown"   // 会话不存在，请重新登录
	AuthSessionEnded     ID = "auth.session_ended"     // 会话已结束，请重新登录
	AuthBearerRequired   ID = "auth.bearer_required"   // 请在Authorization请求头中提供API令牌（Bearer <令牌>）
)

// Problems in the data of a statistical method (evaluation/engine/statmessage.go maps statistics' sentinel errors and *DetailError checks; issue 12)
const (
	StatNonFinite            ID = "stat.non_finite"             // 有数值不是有限数（NaN或无穷大）
	StatNonPositive          ID = "stat.non_positive"           // 有数值不是正数，此处须为正数
	StatNegative             ID = "stat.negative"               // 有数值为负，此处不能为负
	StatNotReciprocal        ID = "stat.not_reciprocal"         // 判断矩阵不满足互反性（a_ij·a_ji应为1）
	StatDiagonal             ID = "stat.diagonal"               // 判断矩阵对角线上的值须为1
	StatDisconnected         ID = "stat.disconnected"           // 已知的两两比较没有把所有元素连通，无法确定权重
	StatZeroVariance         ID = "stat.zero_variance"          // 数值没有差异（方差为零），无法计算
	StatTooFew               ID = "stat.too_few"                // 观测值太少，无法用此方法计算
	StatNoRandomIndex        ID = "stat.no_random_index"        // 随机一致性指标表中没有此阶数
	StatWeightSum            ID = "stat.weight_sum"             // 权重之和不为1
	StatDegenerate           ID = "stat.degenerate"             // 数据使公式无定义（如分母为零）
	StatUnknownLabel         ID = "stat.unknown_label"          // 评分标准中没有这个等级
	StatNotOnScale           ID = "stat.not_on_scale"           // 判断值不在Saaty 1–9标度上
	StatOrder                ID = "stat.order"                  // 随机一致性指标表中没有{order}阶矩阵的值
	StatReciprocalProduct    ID = "stat.reciprocal_product"     // 判断矩阵不满足互反性：对称位置两个判断值之积为{product}，应为1
	StatEigen                ID = "stat.eigen"                  // 特征值分解失败
	StatEigenvalueReal       ID = "stat.eigenvalue_real"        // 最大特征值{value}不是实数
	StatEigenvectorPositive  ID = "stat.eigenvector_positive"   // 主特征向量的分量不全为正
	StatMomentsOverflow      ID = "stat.moments_overflow"       // 偏度或峰度的计算超出数值范围
	StatDifferencesOverflow  ID = "stat.differences_overflow"   // 灰色关联分析的差值超出数值范围
	StatSeriesEqualReference ID = "stat.series_equal_reference" // 各序列都与参考序列相同，灰色关联度无定义
	StatMembershipRange      ID = "stat.membership_range"       // 隶属度{value}不在[0, 1]之内
	StatEvaluationSum        ID = "stat.evaluation_sum"         // 模糊评价向量之和为{sum}，须为正数
	StatWeightSumValue       ID = "stat.weight_sum_value"       // 权重之和为{sum}，应为1
	StatScoreRange           ID = "stat.score_range"            // 得分{value}不在0–100之内
	StatTrim                 ID = "stat.trim"                   // 共{count}个值，两端各剔除{trim}个后没有剩余
	StatTargetsRaters        ID = "stat.targets_raters"         // 至少需要2个评价对象和2名评价者，现有{targets}个对象、{raters}名评价者
	StatScale                ID = "stat.scale"                  // 判断值{value}不在Saaty 1–9标度上
	StatSignedScale          ID = "stat.signed_scale"           // 回答{value}不在−9…−1、1…9的标度上
	StatTarget               ID = "stat.target"                 // 目标值{target}须为正数
	StatProgress             ID = "stat.progress"               // 规划到{year}年没有预期进展，进度比无定义
	StatLabel                ID = "stat.label"                  // 评分标准中没有等级“{label}”
	StatZeroMean             ID = "stat.zero_mean"              // 均值为零，无法计算变异系数
	StatLeaf                 ID = "stat.leaf"                   // 权重树节点{node}所指的第{indicator}个指标重复或无效
	StatNoLeaf               ID = "stat.no_leaf"                // 第{indicator}个指标在权重树中没有叶节点
	StatInGroup              ID = "stat.in_group"               // 第{group}组：{reason}
	StatInSample             ID = "stat.in_sample"              // 第{sample}次抽样：{reason}
	StatInNode               ID = "stat.in_node"                // 节点{node}的下级权重：{reason}
	StatLogTransform         ID = "stat.log_transform"          // 对数变换后：{reason}
	StatAtCell               ID = "stat.at_cell"                // 第{row}行第{column}列：{reason}
	StatAtRow                ID = "stat.at_row"                 // 第{row}项：{reason}
	StatAtColumn             ID = "stat.at_column"              // 第{column}列：{reason}
	StatOther                ID = "stat.other"                  // 计算失败：{error}
)

// Reasons inside run-configuration and constraint problems (evaluation/engine: aggregation.go, engine_grades.go, engine_surveys.go; issue 12)
const (
	RunConfigFunctionType     ID = "run_config.function_type"     // type须为usual、u-shape、v-shape、level、linear或gaussian（收到“{type}”）
	RunConfigFunctionNeeds    ID = "run_config.function_needs"    // {type}偏好函数须给出{param}
	RunConfigFunctionUnused   ID = "run_config.function_unused"   // {type}偏好函数不使用{param}
	RunConfigFunctionRange    ID = "run_config.function_range"    // {param}是得分之差，取值于[0, 100]
	RunConfigFunctionPositive ID = "run_config.function_positive" // {type}偏好函数的阈值须为正数
	RunConfigFunctionOrder    ID = "run_config.function_order"    // {type}偏好函数须满足q < p
	AggregationNoVariation    ID = "aggregation.no_variation"     // 各单位在每个末级指标上得分都相同，{method}无法排序
	RunConstraintNoComponent  ID = "run.constraint_no_component"  // 没有与“{component}”对应的得分构成
	RunConstraintGroupShare   ID = "run.constraint_group_share"   // 评价主体的份额须指明问卷构成：survey:CODE/group:GROUP
	RunConstraintNoSurvey     ID = "run.constraint_no_survey"     // 本次运行没有问卷“{survey}”
	RunConstraintNoGroup      ID = "run.constraint_no_group"      // 问卷{survey}没有评价主体“{group}”
)

// What exceeded a workbook limit (evaluation/ingest/limits.go, LimitError.What, quoted in ingest.workbook_limit; issue 12)
const (
	IngestLimitArchive        ID = "ingest.limit.archive"         // 压缩包
	IngestLimitPartsMore      ID = "ingest.limit.parts_more"      // 包含的部件超过此数
	IngestLimitParts          ID = "ingest.limit.parts"           // 包含{count}个部件
	IngestLimitUnzipped       ID = "ingest.limit.unzipped"        // 使工作簿解压后的总大小超出限制
	IngestLimitDecompresses   ID = "ingest.limit.decompresses"    // 解压后超过{max}字节
	IngestLimitTextChars      ID = "ingest.limit.text_chars"      // 含有超过此字符数的文本
	IngestLimitStringChars    ID = "ingest.limit.string_chars"    // 含有超过此字符数的字符串
	IngestLimitTagBytes       ID = "ingest.limit.tag_bytes"       // 含有超过此字节数的标签
	IngestLimitAttributeChars ID = "ingest.limit.attribute_chars" // 含有超过此字符数的属性值
	IngestLimitXMLDepth       ID = "ingest.limit.xml_depth"       // 元素嵌套层数超过此数
	IngestLimitRows           ID = "ingest.limit.rows"            // 行数超过此数
	IngestLimitColumns        ID = "ingest.limit.columns"         // 第{row}行的列数超过此数
	IngestLimitCells          ID = "ingest.limit.cells"           // 单元格数超过此数
	IngestLimitSharedStrings  ID = "ingest.limit.shared_strings"  // 共享字符串数超过此数
)

// Why a library could not read an upload or a body: JSON, multipart, ZIP and workbook XML (evaluation/readerrors.go, evaluation/ingest/readerrors.go; issue 12)
const (
	JSONSyntaxAfterPair       ID = "json.syntax.after_pair"        // 键值对之后应为逗号或“}”，却是{char}
	JSONSyntaxAfterKey        ID = "json.syntax.after_key"         // 键名之后应为冒号，却是{char}
	JSONSyntaxAfterElement    ID = "json.syntax.after_element"     // 数组元素之后应为逗号或“]”，却是{char}
	JSONSyntaxKey             ID = "json.syntax.key"               // 此处应为带双引号的键名，却是{char}（最后一个成员之后不能有逗号）
	JSONSyntaxValue           ID = "json.syntax.value"             // 此处应为一个值，却是{char}
	JSONSyntaxString          ID = "json.syntax.string"            // 字符串中的控制字符{char}须转义
	JSONSyntaxEscape          ID = "json.syntax.escape"            // 字符串中的转义写法有误（{char}）
	JSONSyntaxNumber          ID = "json.syntax.number"            // 数字写法有误（{char}）
	JSONSyntaxLiteral         ID = "json.syntax.literal"           // true、false或null拼写有误（{char}）
	JSONSyntaxTrailing        ID = "json.syntax.trailing"          // JSON值结束之后还有内容{char}
	JSONSyntaxAt              ID = "json.syntax_at"                // 第{line}行第{column}个字符处：{reason}
	JSONWrongType             ID = "json.wrong_type"               // 此处应为{expected}，实际为JSON {found}
	JSONWrongTypeAt           ID = "json.wrong_type_at"            // {field}应为{expected}，实际为JSON {found}
	JSONEnded                 ID = "json.ended"                    // JSON内容不完整（提前结束）
	JSONUnknownField          ID = "json.unknown_field"            // 无法识别的字段“{field}”
	MultipartNotMultipart     ID = "multipart.not_multipart"       // 请求的Content-Type不是multipart/form-data
	MultipartNoBoundary       ID = "multipart.no_boundary"         // Content-Type缺少boundary参数
	MultipartTooLarge         ID = "multipart.too_large"           // 表单过大
	MultipartEnded            ID = "multipart.ended"               // 表单内容不完整（提前结束，或缺少结束分隔线）
	ProblemDetailJSONSyntaxAt ID = "problem.detail.json_syntax_at" // JSON格式错误（第{line}行第{column}个字符）：{error}
	IngestJSONSyntaxAt        ID = "ingest.json_syntax_at"         // JSON语法错误（第{line}行第{column}个字符）：{error}
	XLSXReasonNotZip          ID = "xlsx.reason.not_zip"           // 不是有效的ZIP压缩包
	XLSXReasonChecksum        ID = "xlsx.reason.checksum"          // 部件{part}的校验和不符，文件已损坏
	XLSXReasonAlgorithm       ID = "xlsx.reason.algorithm"         // 部件{part}使用了不支持的压缩方法
	XLSXReasonCorrupt         ID = "xlsx.reason.corrupt"           // 部件{part}的压缩数据已损坏或不完整
	XLSXReasonXML             ID = "xlsx.reason.xml"               // 部件{part}的XML格式有误
	XLSXReasonXMLLine         ID = "xlsx.reason.xml_line"          // XML格式有误（第{line}行）
	XLSXReasonNotWorkbook     ID = "xlsx.reason.not_workbook"      // 压缩包中没有XLSX工作簿的部件
	XLSXReasonPart            ID = "xlsx.reason.part"              // 部件{part}：{error}
)

// Why the XML of a workbook part cannot be followed (evaluation/ingest/limits.go, the scanner's xmlDefect; issue 12)
const (
	XLSXReasonXMLNUL       ID = "xlsx.reason.xml_nul"       // 部件{part}含有NUL字节（不是UTF-8编码的XML）
	XLSXReasonXMLTruncated ID = "xlsx.reason.xml_truncated" // 部件{part}在标记中间结束（文件不完整）
	XLSXReasonXMLDoctype   ID = "xlsx.reason.xml_doctype"   // 部件{part}含有文档类型声明（XLSX部件中不允许）
	XLSXReasonXMLEndTag    ID = "xlsx.reason.xml_end_tag"   // 部件{part}有结束标签而无对应的开始标签
)

// Why an upload could not be read to its end (evaluation/readerrors.go, UploadReason; issue 12)
const (
	UploadEnded ID = "upload.ended" // 上传的内容不完整（提前结束）
)

// A CSV quote problem found on another line than its row (evaluation/ingest/table.go, csvReason; issue 12)
const (
	IngestBareQuoteAt     ID = "ingest.bare_quote_at"     // 未加引号的字段中出现引号"（在文件第{line}行）：请为整个字段加引号，并将字段内的引号写成两个（"a ""b"" c"）
	IngestRecordTooLong   ID = "ingest.record_too_long"   // 这一行的记录超过{limit}，文件未再往下读取：多半是某个单元格以引号"开头却没有右引号，其后的内容都被当成了这一个单元格；请检查这一行的引号
	IngestQuoteUnclosedAt ID = "ingest.quote_unclosed_at" // 带引号的字段缺少右引号，或右引号之后还有文字（读到文件第{line}行时发现）
)

// Why a text is not a public key (evaluation/engine/signing.go, ParsePublicKey and PublicKeyReason; issue 12)
const (
	KeyPEMUnreadable ID = "key.pem_unreadable" // PEM块中没有可读取的公钥
	KeyNotEd25519    ID = "key.not_ed25519"    // 不是Ed25519公钥
	KeyBytes         ID = "key.bytes"          // 应为{count}字节的十六进制或base64编码
)

// The calculator's results: AHP's off-scale warning and the notes of diagnostics (statistics.Warning by its Code in evaluation/engine/statmessage.go; evaluation/calc/diagnostics.go; issue 12)
const (
	StatOffScale               ID = "stat.off_scale"                // 超出Saaty的1/9～9标度
	CalcNoteTooFew             ID = "calc.note.too_few"             // 不足四个值，偏度和峰度无定义
	CalcNoteAllEqual           ID = "calc.note.all_equal"           // 各值均相等
	CalcNoteCorrelationRows    ID = "calc.note.correlation_rows"    // 相关系数、α和主成分分析至少需要三个完整的行和两个指标
	CalcNoteCorrelationSkipped ID = "calc.note.correlation_skipped" // 未计算相关系数、α和主成分分析：在完整的行上，{field}：{reason}
	CalcNoteAlphaSkipped       ID = "calc.note.alpha_skipped"       // 未计算α：{reason}
)

// Why the system could not read or write a file, and why a flag's value is not one (cmd/evalbench/syserrors.go, systemReason and flagValueReason; issue 12)
const (
	CLIOSNotExist     ID = "cli.os.not_exist"     // {file}不存在
	CLIOSExist        ID = "cli.os.exist"         // {file}已存在
	CLIOSPermission   ID = "cli.os.permission"    // 没有访问{file}的权限
	CLIOSIsDirectory  ID = "cli.os.is_directory"  // {file}是目录，不是文件
	CLIOSNotDirectory ID = "cli.os.not_directory" // {file}：路径中有一部分不是目录
	CLIOSNoSpace      ID = "cli.os.no_space"      // 设备空间不足，无法写入{file}
	CLIOSReadOnly     ID = "cli.os.read_only"     // {file}位于只读文件系统上
	CLIOSNameTooLong  ID = "cli.os.name_too_long" // 文件名{file}过长
	CLIOSOther        ID = "cli.os.other"         // {file}出错：{error}
	CLIErrTooLarge    ID = "cli.err.too_large"    // {file}超过{max}字节
	CLIValueInteger   ID = "cli.value.integer"    // 不是整数
	CLIValueBoolean   ID = "cli.value.boolean"    // 既不是true也不是false
	CLIValueNumber    ID = "cli.value.number"     // 不是数字
	CLIValueRange     ID = "cli.value.range"      // 超出可取值的范围
)

// Why the audit chain or a checkpoint fails verification (evaluation/audit.go verifyChain, evaluation/checkpoint.go VerifyAuditWith, evaluation/engine/signing.go VerifyCheckpoint; AuditReport.reason_message, in cli.audit.fail, cli.audit.fail_entry and acceptance.audit_broken; issue 12)
const (
	AuditReasonHeadMissing       ID = "audit.reason.head_missing"       // 审计链头记录缺失：有人绕过系统在数据库中删除了它
	AuditReasonEntryMissing      ID = "audit.reason.entry_missing"      // 应为第{want}条，实际为第{found}条：缺少一条记录
	AuditReasonPrevHash          ID = "audit.reason.prev_hash"          // prev_hash与第{entry}条的哈希不一致
	AuditReasonAltered           ID = "audit.reason.altered"            // 内容与其哈希不一致：该条记录被改动过
	AuditReasonHeadRewritten     ID = "audit.reason.head_rewritten"     // 审计链头记载第{entry}条的哈希为{head_hash}，日志中为{hash}：链头被改写过
	AuditReasonHeadBeyond        ID = "audit.reason.head_beyond"        // 审计链头位于第{head}条，而日志止于第{last}条：缺少第{from}至{to}条
	AuditReasonCheckpointRefused ID = "audit.reason.checkpoint_refused" // {checkpoint}未通过验证：{error}
	AuditReasonOtherChain        ID = "audit.reason.other_chain"        // {checkpoint}属于另一条审计链（日志{log}…，本链为{this}…）
	AuditReasonCheckpointHash    ID = "audit.reason.checkpoint_hash"    // 第{entry}条的哈希与检查点所记的链不一致（{checkpoint}）：第{from}至{to}条在检查点签署后被替换或改动
	AuditReasonCheckpointBeyond  ID = "audit.reason.checkpoint_beyond"  // {checkpoint}，而日志止于第{last}条：缺少第{from}至{to}条
	AuditCheckpoint              ID = "audit.checkpoint"                // 第{seq}条的检查点（{time}由机构{institute}签署，密钥{key}…）
	AuditCheckpointHeld          ID = "audit.checkpoint_held"           // 审计链中有检查点所记的条目，哈希一致
	AuditCheckpointUnmatched     ID = "audit.checkpoint_unmatched"      // 与审计链不符
	CheckpointFormat             ID = "checkpoint.format"               // 格式“{format}”不是“{want}”
	CheckpointEntry              ID = "checkpoint.entry"                // 序号{seq}和哈希“{hash}”不指向任何一条记录
	CheckpointTime               ID = "checkpoint.time"                 // 时间“{time}”不符合RFC 3339格式
	CheckpointSignatureForm      ID = "checkpoint.signature_form"       // 签名不是base64编码的Ed25519签名
	CheckpointKeyInstitute       ID = "checkpoint.key_institute"        // 密钥{key}属于机构{owner}，而不是机构{institute}
	CheckpointForged             ID = "checkpoint.forged"               // 密钥{key}的签名验证未通过：检查点系伪造或已被改动
	CheckpointUntrusted          ID = "checkpoint.untrusted"            // 由密钥{key}签署，该密钥不在受信任的密钥之中
)

// The JSON values the verifier quotes in its differences (reports/verify.go, firstJSONDiff and firstRawDiff; issue 12)
const (
	VerifyValueNothing     ID = "verify.value.nothing"     // （无此项）
	VerifyValueUnparsable  ID = "verify.value.unparsable"  // （无法解析的JSON）
	VerifyValueUnencodable ID = "verify.value.unencodable" // （无法编码为JSON）
	VerifyValueElements    ID = "verify.value.elements"    // {count}个元素
)

// Why a text is not a report's envelope or bundle (reports/dsse.go ParseEnvelope, reports/bundle.go ParseBundle, ParseReason; quoted by verify.envelope_invalid, verify.not_bundle and cli.err.checkpoints_file; issue 12)
const (
	ReportParseNotEnvelope      ID = "report.parse.not_envelope"      // 不是DSSE信封：{error}
	ReportParseEnvelopeTrailing ID = "report.parse.envelope_trailing" // 不是DSSE信封：JSON之后还有多余的内容
	ReportParseEnvelopeFields   ID = "report.parse.envelope_fields"   // 不是DSSE信封：缺少payloadType或payload
	ReportParsePayloadBase64    ID = "report.parse.payload_base64"    // 载荷不是base64编码：{error}
	ReportParseBundleTrailing   ID = "report.parse.bundle_trailing"   // 数据包之后还有多余的内容
	ReportParseBundleFormat     ID = "report.parse.bundle_format"     // 格式“{format}”不是“{want}”
	ReportParseBundleParts      ID = "report.parse.bundle_parts"      // 数据包缺少输入或结果
)
