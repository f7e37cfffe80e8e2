#include "qchain/report/messages.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace qchain::report {

namespace {

// Grouped by where the English is composed. Within the table the first full match wins, so a
// specific pattern stands before a general one that would also match.
const std::vector<MessagePattern> kCatalogue = {
    // --- the parts the loaders add to a message: the record it is about, the first of a duplicate ---
    {"{m} [firm {}]", "{0} [企业 {1}]"},
    {"{m} [link {} -> {}]", "{0} [供应关系 {1} -> {2}]"},
    {"{m} (first at line {})", "{0}（首次出现在第 {1} 行）"},
    {"{m} (first at {})", "{0}（首次出现在 {1}）"},

    // --- graphs/src/chain_builder.cpp: the validating builder (JSON and CSV alike) -----------------
    {"required field is missing", "缺少必填字段"},
    {"must not be empty", "不能为空"},
    {"must be a finite number", "必须是有限的数值"},
    // (before the general form below, which would take the hint for its last capture; table_columns.cpp)
    {"must be between 0 and 1, got {} (if {} % is meant, write {} or {}%)",
     "必须在 0 到 1 之间，实际为 {}（如果指的是 {}%，请写成 {} 或 {}%）"},
    {"must be between {} and {}, got {}", "必须在 {} 到 {} 之间，实际为 {}"},
    {"must not be negative, got {}", "不能为负数，实际为 {}"},
    {"must be a whole number", "必须是整数"},
    {"not a date (YYYY-MM-DD): {}", "不是有效日期（格式应为 YYYY-MM-DD）：{}"},
    {"duplicate segment id {}", "环节 id {} 重复"},
    {"unknown category {} (expected man, machine, material, method, measurement or environment)",
     "未知类别 {}（应为 man、machine、material、method、measurement 或 environment，即人、机、料、法、测、环）"},
    {"duplicate issue code {}", "问题代码 {} 重复"},
    {"duplicate input id {}", "投入品编号 {} 重复"},
    {"input {} is used by no link", "投入品 {} 未被任何供应关系使用"},
    {"contains control characters: {}", "含有控制字符：{}"},
    {"unknown role {} (expected chain_leader, large, medium, small or micro)",
     "未知角色 {}（应为 chain_leader、large、medium、small 或 micro，即链主、大型、中型、小型、微型企业）"},
    {"unknown maturity {} (expected startup, developing or leaping)",
     "未知成熟度 {}（应为 startup、developing 或 leaping，即初创级、发展级、跨越级）"},
    {"unknown status {} (expected valid, suspended, expired or in_progress)",
     "未知状态 {}（应为 valid、suspended、expired 或 in_progress，即有效、暂停、过期、认证中）"},
    {"certification {} listed twice", "认证 {} 重复列出"},
    {"issue {} listed twice", "问题 {} 重复列出"},
    {"duplicate firm id {}", "企业 id {} 重复"},
    {"unknown willingness {} (expected strong, moderate or weak: 强, 一般 or 弱)", "未知提升意愿 {}（应为 strong、moderate 或 weak，即强、一般、弱）"},
    {"certification scheme {} read as {} (the spelling first used; case, spaces and hyphens do not make another scheme)",
     "认证名称 {} 按 {} 读取（以首次出现的写法为准，大小写、空格和连字符的不同不算另一种认证）"},
    {"a firm cannot supply itself ({})", "企业不能向自身供货（{}）"},
    {"unknown firm {}", "未知企业 {}"},
    // The web API (service/): its own refusals, in the reader's language like the CLI's.
    {"no such endpoint: {}", "没有这个接口：{}"},
    {"unknown chain {}", "未知产业链 {}"},
    {"chain {} has no snapshot of {}", "产业链 {} 没有 {} 的快照"},
    {"{} is not allowed here (allowed: {})", "这里不允许 {}（允许：{}）"},
    {"a viewer may read but not change the workspace", "查看者只能阅读，不能修改工作区"},
    {"a planner changes only the chains of their regions; this chain's region is {}", "规划人员只能修改本人所辖地区的产业链；这条产业链的地区是 {}"},
    {"request body over the limit of {} bytes", "请求内容超过 {} 字节的上限"},
    {"{}: {} is not a whole number", "{}：{} 不是整数"},
    {"{}: {} is not a number", "{}：{} 不是数字"},
    {"{}: invalid JSON: {}", "{}：JSON 格式错误：{}"},
    {"body: expected a JSON object", "请求内容：应为 JSON 对象"},
    {"body: {}: expected a text", "请求内容：{} 应为文本"},
    {"body: {}: expected a list of texts", "请求内容：{} 应为文本列表"},
    {"body: {}: expected a number", "请求内容：{} 应为数字"},
    {"body: firm: give the firm assisted", "请求内容：请给出帮扶的企业（firm）"},
    {"body: issue: give the issue code", "请求内容：请给出质量问题代码（issue）"},
    {"body: leader: give the leading firm", "请求内容：请给出牵头企业（leader）"},
    {"the ledger of {} has no entry {}", "{} 的帮扶台账中没有第 {} 条"},
    {"chain {} has no project {}", "产业链 {} 没有第 {} 号项目"},
    {"chain {} has no saved scenario {}", "产业链 {} 没有保存名为 {} 的情景"},
    {"scenarios: give the scenario's name (?name=...)", "情景：请给出情景名称（?name=...）"},
    {"scenario: give it a name", "情景：请给出名称"},
    {"compare: give the earlier snapshot's date (?before=YYYY-MM-DD)", "对比：请给出较早快照的日期（?before=YYYY-MM-DD）"},
    {"portfolio: give the chains (?chains=ID,ID,...)", "组合：请给出产业链（?chains=ID,ID,...）"},
    {"neighbourhood: give the firm (?firm=ID)", "邻域：请给出企业（?firm=ID）"},
    {"search: give the text to look for (?q=...)", "搜索：请给出要查找的文字（?q=...）"},
    {"format: {} is not one of json, xlsx", "format：{} 不是 json、xlsx 之一"},
    {"view: {} is not one of map, issues, fishbone, scenario, ecosystem, overview", "view：{} 不是 map、issues、fishbone、scenario、ecosystem、overview 之一"},
    {"color=change needs before=DATE (the earlier snapshot)", "color=change 需要 before=日期（较早的快照）"},
    {"view=scenario: POST the scenario (qchain-scenario/1) as the body", "view=scenario：请以 POST 请求内容提交情景（qchain-scenario/1）"},
    {"the report has no file {}", "报告中没有文件 {}"},
    {"the body's Content-Type must be application/json, {} or application/zip (the CSV folder), not {}",
     "请求内容的 Content-Type 须为 application/json、{} 或 application/zip（CSV 文件夹），而不是 {}"},
    {"body: not a zip archive", "请求内容：不是 zip 压缩包"},
    {"body: the zip holds a file outside its folder: {}", "请求内容：zip 中有文件位于其文件夹之外：{}"},
    {"body: the zip's contents are over the limit of {} bytes", "请求内容：zip 解压后超过 {} 字节的上限"},
    {"body: cannot read {} in the zip", "请求内容：无法读取 zip 中的 {}"},
    {"--only: {} is not one of structure, gaps, quality, systemic", "--only：{} 不是 structure、gaps、quality、systemic 之一"},
    {"internal error", "内部错误"},
    {"cannot create a temporary folder", "无法创建临时文件夹"},
    {"cannot write the upload to a temporary file", "无法把上传的文件写入临时文件"},
    {"unknown segment {}", "未知环节 {}"},
    {"unknown issue code {}", "未知问题代码 {}"},
    {"no firm has role chain_leader: leader analyses will be empty",
     "没有角色为 chain_leader 的企业（链主企业）：与链主相关的分析将为空"},

    // --- graphs/src/supply_network.cpp: checks over the whole network ----------------------------
    {"sources of input {} into {} disagree on whether it is essential",
     "企业 {1} 的投入品 {0} 的各供应来源对其是否为必需投入的标注不一致"},
    {"duplicate link {} -> {} for input {}", "重复的供应关系 {} -> {}（投入品 {}）"},
    {"shares of input {} into {} add up to {}, more than 1", "企业 {1} 的投入品 {0} 各来源份额合计 {2}，超过 1"},
    {"shares of input {} into {} add up to {}, less than 1: the other {} is taken to come from sources outside the chain",
     "企业 {1} 的投入品 {0} 各来源份额合计 {2}，不足 1：其余 {3} 视为来自链外的供应来源"},
    {"firm {} has no supply links", "企业 {} 没有任何供应关系"},
    {"certification {} has expired", "认证 {} 已过期"},
    {"certification {} is marked valid but expired on {}, before the chain's as_of {}",
     "认证 {} 标记为有效，但已于 {} 过期，早于产业链数据日期 as_of {}"},
    {"assistance since {} starts after the chain's as_of {}", "帮扶开始日期 {} 晚于产业链数据日期 as_of {}"},

    // --- graphs/src/json_loader.cpp ---------------------------------------------------------------
    {"the document must be a JSON object", "文档必须是一个 JSON 对象"},
    {"nesting deeper than {} levels", "嵌套超过 {} 层"},
    {"invalid UTF-8 in a string", "字符串含有无效的 UTF-8 编码"},
    {"invalid UTF-8 in a key", "键名含有无效的 UTF-8 编码"},
    {"unknown field (ignored)", "未知字段（已忽略）"},
    {"duplicate key", "键名重复"},
    {"unknown format {} (expected {})", "未知格式 {}（应为 {}）"},
    {"malformed JSON: {m}.", "JSON 格式错误：{}"},
    {"malformed JSON: {m}", "JSON 格式错误：{}"},
    {"number out of range", "数值超出范围"},
    // the JSON types named in "expected ..., got ..."
    {"a string", "字符串"},
    {"a number", "数值"},
    {"true or false", "true 或 false"},
    {"an object", "对象"},
    {"an array", "数组"},
    // RapidJSON's parse errors (rapidjson/error/en.h), inside "malformed JSON: ..."
    {"The document is empty", "文档为空"},
    {"The document root must not be followed by other values", "文档根值之后不能再有其他值"},
    {"Invalid value", "无效的值"},
    {"Missing a name for object member", "对象成员缺少名称"},
    {"Missing a colon after a name of object member", "对象成员名称后缺少冒号"},
    {"Missing a comma or '}' after an object member", "对象成员后缺少逗号或 '}'"},
    {"Missing a comma or ']' after an array element", "数组元素后缺少逗号或 ']'"},
    {"Incorrect hex digit after \\u escape in string", "字符串中 \\u 转义后的十六进制数字不正确"},
    {"The surrogate pair in string is invalid", "字符串中的代理对无效"},
    {"Invalid escape character in string", "字符串中含有无效的转义字符"},
    {"Missing a closing quotation mark in string", "字符串缺少闭合引号"},
    {"Invalid encoding in string", "字符串编码无效"},
    {"Number too big to be stored in double", "数值过大，无法以双精度浮点数存储"},
    {"Miss fraction part in number", "数值缺少小数部分"},
    {"Miss exponent in number", "数值缺少指数部分"},
    {"Terminate parsing due to Handler error", "处理程序出错，解析终止"},
    {"Unspecific syntax error", "语法错误"},
    {"Unknown error", "未知错误"},

    // --- graphs/src/csv_loader.cpp ----------------------------------------------------------------
    {"invalid UTF-8", "无效的 UTF-8 编码"},
    {"malformed CSV: a quote is not closed, or text follows a closing quote", "CSV 格式错误：引号未闭合，或闭合引号后还有文字"},
    {"malformed CSV: {m}", "CSV 格式错误：{}"},
    // libcsv's csv_strerror, inside "malformed CSV: ..."
    {"error parsing data while strict checking enabled", "严格模式下解析数据出错"},
    {"memory exhausted while increasing buffer size", "扩大缓冲区时内存不足"},
    {"data size too large", "数据过大"},
    {"invalid status code", "无效的状态码"},
    {"required file is missing", "缺少必需的文件"},
    {"is a directory, expected a CSV file", "这是一个文件夹，应为 CSV 文件"},
    {"chain.csv holds one chain: extra row", "chain.csv 只能描述一条产业链：多出了一行"},
    {"row has {} cells, the header {}", "该行有 {} 个单元格，而表头只有 {} 个"},
    {"empty file: expected a header row", "文件为空：应有表头行"},
    {"unknown column (ignored)", "未知列（已忽略）"},
    {"unknown column (ignored) (did you mean {}?)", "未知列（已忽略；是否应为 {}？）"},
    {"unknown column, and {}, which every analysis needs, is missing (did you mean {}?)",
     "未知列，且缺少每项分析都需要的 {}（是否应为 {}？）"},
    {"unknown column, and {}, which every analysis needs, is missing", "未知列，且缺少每项分析都需要的 {}"},
    {"column header read as {}", "列名按 {} 读取"},
    {"number out of range: \"{}\"", "数值超出范围：\"{}\""},
    {"duplicate column", "列名重复"},
    {"required column is missing", "缺少必需的列"},
    {"expected a number, got \"{}\"", "应为数值，实际为 \"{}\""},
    {"expected true or false, got \"{}\"", "应为 true 或 false，实际为 \"{}\""},
    {"\"{}\" has more than scheme:status:expires", "\"{}\" 的内容超出 scheme:status:expires（认证:状态:到期日）三项"},
    {"\"{}\": severity is not a number", "\"{}\"：严重程度（severity）不是数值"},
    {"\"{}\" has more than code:severity", "\"{}\" 的内容超出 code:severity（问题代码:严重程度）两项"},

    // --- graphs/src/table_columns.cpp, table_loader.cpp: cells as people write them (CSV and xlsx) --
    {"a percentage (\"{}\") where a plain number is expected", "此处应为普通数值，而不是百分数（\"{}\"）"},
    {"the chain sheet holds one chain: extra row", "产业链工作表只能描述一条产业链：多出了一行"},
    {"empty sheet: expected a header row", "工作表为空：应有表头行"},
    // --- graphs/src/text_encoding.cpp, csv_loader.cpp: encodings -----------------------------------
    {"not UTF-8: read as GB18030 (GBK), as Chinese Excel and WPS save CSV; --encoding names another",
     "不是 UTF-8 编码：已按 GB18030（GBK，中文版 Excel 和 WPS 保存 CSV 时的编码）读取；可用 --encoding 指定其他编码"},
    {"not valid {} (nor UTF-8): --encoding names another", "既不是有效的 {}，也不是 UTF-8：可用 --encoding 指定编码"},
    {"not valid {}: --encoding names another", "不是有效的 {} 编码：可用 --encoding 指定其他编码"},
    {"--encoding: unknown encoding {}", "--encoding: 未知编码 {}"},
    // --- graphs/src/xlsx_loader.cpp: workbooks ----------------------------------------------------
    {"not a workbook (.xlsx is a zip package; this file is not one)", "不是 Excel 工作簿（.xlsx 是 zip 压缩包，而此文件不是）"},
    {"not a workbook (a damaged zip package: no central directory)", "不是 Excel 工作簿（zip 压缩包已损坏：没有中央目录）"},
    {"not a workbook (a damaged zip package)", "不是 Excel 工作簿（zip 压缩包已损坏）"},
    {"not a workbook (a zip package with parts packed in an unknown way)", "不是 Excel 工作簿（zip 压缩包中有以未知方式压缩的部分）"},
    {"not a workbook ({} holds a character reference that is no character)", "不是有效的 Excel 工作簿（{} 含有不代表任何字符的字符引用）"},
    {"workbook too large: a part of over 4 GiB (qchain reads workbooks up to {} MiB unpacked)",
     "工作簿过大：其中一部分超过 4 GiB（qchain 最多读取解压后 {} MiB 的工作簿）"},
    {"refused: a part unpacks to {} MiB from {} KiB, more than {} times its size (a zip bomb?)",
     "拒绝读取：其中一部分由 {1} KiB 解压为 {0} MiB，超过原大小的 {2} 倍（疑似 zip 炸弹）"},
    {"workbook too large: {} MiB unpacked, more than the {} MiB qchain reads", "工作簿过大：解压后 {} MiB，超过 qchain 可读取的 {} MiB"},
    {"workbook too large: {} MiB, more than the {} MiB qchain reads", "工作簿过大：{} MiB，超过 qchain 可读取的 {} MiB"},
    {"more than {} cells: qchain reads workbooks of up to that many", "单元格超过 {} 个：qchain 最多读取这么多单元格的工作簿"},
    {"cannot read the workbook: {}", "无法读取工作簿：{}"},
    {"unknown sheet (ignored)", "未知工作表（已忽略）"},
    {"a second sheet for table {} (the first is {})", "表 {} 的第二个工作表（第一个是 {}）"},
    {"required sheet is missing: {} (or {})", "缺少必需的工作表：{}（或 {}）"},
    // --- graphs/src/xlsx_writer.cpp ----------------------------------------------------------------
    {"a workbook cannot be written to standard output: give a file name ending in .xlsx",
     "工作簿不能写到标准输出：请给出以 .xlsx 结尾的文件名"},
    {"{}: cannot write the workbook ({}: {})", "{}: 无法写入工作簿（{}：{}）"},
    {"{}: cannot write the workbook", "{}: 无法写入工作簿"},

    // --- engine/src/json_in.hpp, scenario.cpp, firm_grading.cpp: scenarios and rubrics -------------
    {"expected a firm id (a string)", "应为企业 id（字符串）"},
    {"expected a non-empty array of firm ids", "应为由企业 id 组成的非空数组"},
    {"expected an array of scheme names", "应为由认证名称组成的数组"},
    {"expected a scheme name", "应为认证名称"},
    {"expected an object with \"developing\" and \"leaping\"", "应为包含 \"developing\"（发展级）和 \"leaping\"（跨越级）的对象"},
    {"expected a whole number, got {}", "应为整数，实际为 {}"},
    {"expected {m}, got {m}", "应为{}，实际为{}"},
    {"expected {m}", "应为{}"},
    {"unknown event type {} (did you mean {}?) (expected set_yield, stop, decertify, spread_issue, fix_issue, assist, perturb, "
     "require or drop_requirement)",
     "未知事件类型 {}（是否应为 {}？）（应为 set_yield、stop、decertify、spread_issue、fix_issue、assist、perturb、require 或 "
     "drop_requirement）"},
    {"unknown event type {} (expected set_yield, stop, decertify, spread_issue, fix_issue, assist, perturb, require or "
     "drop_requirement)",
     "未知事件类型 {}（应为 set_yield、stop、decertify、spread_issue、fix_issue、assist、perturb、require 或 drop_requirement）"},
    {"unknown key (did you mean {}?); known: {}", "未知键（是否应为 {}？）；可用的键：{}"},
    {"unknown key; known: {}", "未知键；可用的键：{}"},
    {"firm {} is listed twice in this event", "企业 {} 在同一事件中重复列出"},
    // cli/commands.cpp and engine/src/assistance_plan.cpp: the plan's and risk's options
    {"{}: {} is not ROLE=PROBABILITY", "{}：{} 不是“角色=概率”的形式"},
    {"{}: {} is not ROLE=COST", "{}：{} 不是“角色=费用”的形式"},
    {"{}: {} is not GOAL or GOAL=WEIGHT (goals: leaders, grades, gaps)", "{}：{} 不是“目标”或“目标=权重”的形式（目标：leaders、grades、gaps）"},
    {"--stop-prob: {} is not ROLE=PROBABILITY (roles: chain_leader, large, medium, small, micro; 0..1 per year)",
     "--stop-prob：{} 不是“角色=概率”的形式（角色：chain_leader、large、medium、small、micro；每年 0 到 1）"},
    {"plan: give --budget K (firms), --budget-money M (10k CNY), or both",
     "plan：请给出 --budget K（企业数）、--budget-money M（万元）或两者"},
    {"--cost: {} is not ROLE=COST (roles: chain_leader, large, medium, small, micro; a cost above 0 in 10k CNY)",
     "--cost：{} 不是“角色=费用”的形式（角色：chain_leader、large、medium、small、micro；费用为大于 0 的万元数）"},
    {"--goal: {} is not one of leaders, grades, gaps with a weight of at least 0",
     "--goal：{} 不是 leaders、grades、gaps 之一或权重小于 0"},
    {"--rubric goes with --goal grades", "--rubric 需与 --goal grades 同用"},
    {"plan: goal weights must be numbers of at least 0", "plan：目标权重必须是不小于 0 的数"},
    {"plan: every goal weight is 0; give --goal leaders, grades or gaps", "plan：所有目标权重都为 0；请给出 --goal leaders、grades 或 gaps"},
    {"plan: give a budget in firms (--budget K), in money (--budget-money M, 10k CNY), or both",
     "plan：请给出企业数预算（--budget K）、资金预算（--budget-money M，万元）或两者"},
    {"plan: the money budget must be a number of at least 0 (10k CNY)", "plan：资金预算必须是不小于 0 的数（万元）"},
    {"plan: the default cost must be above 0 (10k CNY)", "plan：默认帮扶费用必须大于 0（万元）"},
    {"plan: a role's cost must be above 0 (10k CNY)", "plan：各角色的帮扶费用必须大于 0（万元）"},
    {"plan: firm costs must be given for every firm or none", "plan：企业帮扶费用要么每家都给出，要么都不给"},
    {"plan: a firm's cost must be above 0 (10k CNY)", "plan：企业的帮扶费用必须大于 0（万元）"},
    {"plan: the firms allowed must be given for every firm or none", "plan：允许帮扶的企业要么每家都标明，要么都不标"},
    {"screening: the willingness threshold is strong or moderate", "筛选：提升意愿门槛只能是 strong（强）或 moderate（一般）"},
    // engine/src/benchmark.cpp: reference levels
    {"needs domestic, international or both", "需要给出 domestic（国内先进）、international（国际先进）或两者"},
    {"scheme {} listed twice in this entry", "认证 {} 在同一条目中重复列出"},
    {"category {} listed twice in this entry", "问题类别 {} 在同一条目中重复列出"},
    {"duplicate entry for segment {} and role {}", "环节 {} 与规模 {} 的条目重复"},
    {"duplicate entry for segment {}", "环节 {} 的条目重复"},
    {"{} needs exactly one of firms or segment", "{} 需要且只能给出 firms、segment 二者之一"},
    {"set_yield needs exactly one of firms, segment or issue", "set_yield 需要且只能给出 firms、segment、issue 三者之一"},
    {"set_yield needs exactly one of value or delta", "set_yield 需要且只能给出 value、delta 二者之一"},
    {"unknown certification scheme {}", "未知认证 {}"},
    {"firm {} does not hold {} (no certificate, or one expired or still in progress)",
     "企业 {} 并未持有 {}（没有该证书，或证书已过期、仍在认证中）"},
    {"fix_issue takes segment or firms, not both", "fix_issue 只能给出 segment 或 firms，不能两者都给"},
    {"unknown criterion (known: min_first_pass_yield, min_certifications, required_schemes, max_open_issues, max_severity, "
     "in_progress_counts_if_assisted)",
     "未知条件（可用的有：min_first_pass_yield、min_certifications、required_schemes、max_open_issues、max_severity、"
     "in_progress_counts_if_assisted）"},
    {"unknown key (known: format, name, description, grades)", "未知键（可用的有：format、name、description、grades）"},
    {"unknown grade (the rungs above startup are \"developing\" and \"leaping\")",
     "未知等级（初创级 startup 之上只有 \"developing\"（发展级）和 \"leaping\"（跨越级））"},
    {"{}: cannot open", "{}: 无法打开"},

    // --- graphs/src/snapshot_reader.cpp: the .qcsr binary snapshot ---------------------------------
    {"empty file: not a qchain snapshot", "空文件，不是 qchain 快照"},
    {"not a qchain snapshot (the file does not begin with the QCSR magic)", "不是 qchain 快照（文件开头没有 QCSR 标识）"},
    {"truncated: {} bytes, shorter than the {}-byte header", "文件不完整：只有 {} 字节，比 {} 字节的文件头还短"},
    {"truncated: {} bytes of {}", "文件不完整：应有 {1} 字节，实际只有 {0} 字节"},
    {"truncated: the section table does not fit in the file", "文件不完整：容不下分段目录"},
    {"written with the other byte order: pack the chain again on this machine", "快照是以另一种字节序写出的：请在本机重新运行 qchain pack"},
    {"header is corrupt (unknown byte order mark)", "文件头已损坏（未知的字节序标记）"},
    {"header is corrupt (section count or header size)", "文件头已损坏（分段数或文件头长度不对）"},
    {"snapshot format version {} is not supported (this qchain reads version {}): pack the chain again",
     "不支持快照格式版本 {}（本版 qchain 读取版本 {}）：请重新运行 qchain pack"},
    {"header checksum does not match: the file is corrupt", "文件头校验和不符：文件已损坏"},
    {"section table checksum does not match: the file is corrupt", "分段目录校验和不符：文件已损坏"},
    {"{} bytes after the end of the snapshot: the file is corrupt", "快照末尾之后还有 {} 字节：文件已损坏"},
    {"header is corrupt (reserved bytes)", "文件头已损坏（保留字节不为零）"},
    {"byte {} between sections is not zero: the file is corrupt", "分段之间的第 {} 字节不为零：文件已损坏"},
    {"section {} is corrupt (tag or element size)", "分段 {} 已损坏（标签或元素长度不对）"},
    {"section {} lies outside the file: the file is corrupt", "分段 {} 超出文件范围：文件已损坏"},
    {"section {} checksum does not match: the file is corrupt", "分段 {} 校验和不符：文件已损坏"},
    {"section {} is inconsistent at element {}: the file was not written by qchain pack or has been altered",
     "分段 {} 第 {} 个元素前后矛盾：文件不是由 qchain pack 写出的，或已被改动"},
    {"pack: the snapshot is a binary file: give a file name, not -", "pack：快照是二进制文件，请给出文件名，不能用 -"},

    // --- graphs: reading and writing files (IoError, UsageError) ---------------------------------
    {"{}: cannot open: {m}", "{}: 无法打开（{}）"},
    {"{}: cannot read: {m}", "{}: 无法读取（{}）"},
    {"{}: not a readable folder", "{}: 不是可读取的文件夹"},
    {"{}: cannot create folder: {m}", "{}: 无法创建文件夹（{}）"},
    // --- visualization/src/report_print.cpp: the report as PDF (Chromium) and Word (pandoc) ---
    {"{}: cannot make the PDF: {} is not installed (apt-get install chromium)",
     "{}: 无法生成 PDF：未安装 {}（请执行 apt-get install chromium）"},
    {"{}: cannot make the Word document: {} is not installed (apt-get install pandoc)",
     "{}: 无法生成 Word 文档：未安装 {}（请执行 apt-get install pandoc）"},
    {"{}: cannot make the PDF: {} failed ({m})", "{}: 无法生成 PDF：{} 运行失败（{}）"},
    {"{}: cannot make the Word document: {} failed ({m})", "{}: 无法生成 Word 文档：{} 运行失败（{}）"},
    {"{}: cannot make a temporary folder: {m}", "{}: 无法创建临时文件夹（{}）"},
    {"exit status {}: {}", "退出码 {}：{}"},
    {"exit status {}", "退出码 {}"},
    {"killed by signal {}", "被信号 {} 终止"},
    {"still running after {} s: stopped", "{} 秒后仍未结束，已停止"},
    {"it wrote no file", "未写出文件"},
    {"{}: cannot write: {m}", "{}: 无法写入（{}）"},
    {"{}: cannot create a temporary file beside it: {m}", "{}: 无法在同一文件夹中创建临时文件（{}）"},
    {"{}: cannot rename the temporary file into place: {m}", "{}: 无法将临时文件重命名为输出文件（{}）"},
    {"{}: is a directory", "{}: 这是一个文件夹"},
    {"{}: refusing to overwrite the input file {}", "{}: 不会覆盖输入文件 {}"},
    {"{}: refusing to overwrite the input {}", "{}: 不会覆盖输入 {}"},
    {"{}: refusing to write over a file of the input chain folder {}", "{}: 不会覆盖输入的产业链文件夹中的文件 {}"},
    {"certification scheme {} contains ':' or ';' and cannot be written as CSV", "认证名称 {} 含有 ':' 或 ';'，无法写成 CSV"},
    {"issue code {} contains ':' or ';' and cannot be written as CSV", "问题代码 {} 含有 ':' 或 ';'，无法写成 CSV"},
    {"{}: firm index {} out of range", "{}: 企业序号 {} 超出范围"},
    // the system's wording (strerror, std::error_code::message in the C locale), inside the above
    {"No such file or directory", "没有该文件或文件夹"},
    {"Permission denied", "权限不足"},
    {"Is a directory", "这是一个文件夹"},
    {"Not a directory", "不是文件夹"},
    {"No space left on device", "磁盘空间不足"},
    {"Read-only file system", "文件系统只读"},
    {"File exists", "文件已存在"},
    {"File name too long", "文件名过长"},
    {"Too many open files", "打开的文件过多"},
    {"Too many levels of symbolic links", "符号链接层数过多"},
    {"Input/output error", "输入/输出错误"},
    {"Disk quota exceeded", "超出磁盘配额"},
    {"Operation not permitted", "不允许的操作"},
    {"Directory not empty", "文件夹不为空"},
    {"Device or resource busy", "设备或资源忙"},
    {"Invalid argument", "无效的参数"},
    {"Cannot allocate memory", "内存不足"},
    {"Invalid cross-device link", "无效的跨设备链接"},
    {"Broken pipe", "管道已断开"},
    {"Bad file descriptor", "无效的文件描述符"},
    {"Success", "成功"},

    // --- engine: programme views ------------------------------------------------------------------
    {"portfolio: chain {} is given twice (chains are told apart by chain.id)",
     "portfolio: 产业链 {} 重复给出（产业链以 chain.id 区分）"},
    {"portfolio: one quality analysis per chain", "portfolio: 每条产业链需要一份质量分析"},
    {"plan: the chain has no chain_leader, and the plan's goal is the leaders' delivered yield; mark the chain-leader firms "
     "with role chain_leader",
     "plan: 该产业链没有链主企业（chain_leader），而帮扶方案的目标是链主企业的交付合格率；请把链主企业的 role 标为 chain_leader"},
    {"quality analysis: the detection range must satisfy 0 <= low <= high <= 1", "quality analysis: 检出率区间必须满足 0 <= low <= high <= 1"},
    {"defect propagation: one detection per firm expected", "defect propagation: 每家企业应有一个检出率"},
    {"compare: the BEFORE snapshot (as_of {}) is dated after the AFTER one (as_of {}); give the earlier snapshot first",
     "compare: BEFORE 快照（as_of {}）的日期晚于 AFTER 快照（as_of {}）；请先给出较早的快照"},
    {"compare: BEFORE is chain {} and AFTER is chain {}; a comparison needs two snapshots of one chain (qchain portfolio "
     "puts different chains side by side)",
     "compare: BEFORE 是产业链 {}，AFTER 是产业链 {}；效果评价需要同一条产业链的两个快照（不同产业链可用 qchain portfolio 并列比较）"},

    // --- visualization: Graphviz ------------------------------------------------------------------
    {"Graphviz could not lay out the diagram with {}", "Graphviz 无法用 {} 为该图布局"},
    {"unknown format {} (svg, png, pdf, dot or json)", "未知格式 {}（可选 svg、png、pdf、dot 或 json）"},
    {"Graphviz could not create a graph", "Graphviz 无法创建图"},
    {"diagram edge between unknown nodes {} -> {}", "图中的连线指向未知节点 {} -> {}"},
    {"Graphviz could not render the diagram", "Graphviz 无法渲染该图"},

    // --- cli: the commands' own checks of their arguments -----------------------------------------
    {"--stop-prob: {} is not ROLE=PROBABILITY (roles: chain_leader, large, medium, small, micro; 0..1)",
     "--stop-prob: {} 不是“角色=概率”的形式（角色：chain_leader、large、medium、small、micro；概率在 0 到 1 之间）"},
    {"--candidates: unknown role {} (chain_leader, large, medium, small, micro)",
     "--candidates: 未知角色 {}（可选 chain_leader、large、medium、small、micro）"},
    {"--color {} applies to --view map only", "--color {} 只适用于 --view map"},
    {"--before goes with --color change", "--before 需与 --color change 一起使用"},
    {"--rubric goes with --color grade", "--rubric 需与 --color grade 一起使用"},
    {"--color change needs --before FILE (the earlier snapshot)", "--color change 需要 --before 文件（较早的快照）"},
    {"--view scenario needs --scenario FILE", "--view scenario 需要 --scenario 文件"},
    {"--segment goes with --view overview", "--segment 需与 --view overview 一起使用"},
    {"--segment: unknown segment {}", "--segment: 未知环节 {}"},
    {"--focus: no such firm", "--focus: 没有这家企业"},
    {"--segment: no such segment", "--segment: 没有这个环节"},
    {"note: over {} firms, the systemic index was skipped (--systemic on forces it)",
     "注：企业超过 {} 家，未计算系统性风险指数（--systemic on 可强制计算）"},
    {"the chain has no chain_leader", "产业链中没有链主企业（chain_leader）"},
    // --- workspace/src/ledger.cpp and cli/commands_workspace.cpp: the assistance ledger ------------
    {"ledger entry: no firm given", "台账条目：未给出企业"},
    {"ledger entry: firm {} is not in the latest snapshot of chain {} ({}, {} firms)",
     "台账条目：企业 {} 不在产业链 {} 的最新快照中（{}，共 {} 家企业）"},
    {"ledger entry for firm {}: {m}", "台账条目（企业 {}）：{}"},
    {"ledger entry {}: firm {} is not in the latest snapshot of chain {} ({}, {} firms)",
     "台账条目 {}：企业 {} 不在产业链 {} 的最新快照中（{}，共 {} 家企业）"},
    {"ledger entry {}: {m}", "台账条目 {}：{}"},
    {"issue code {} is not in the issue catalogue of chain {} ({}); it has no issue types",
     "问题代码 {} 不在产业链 {} 的问题目录中（{}）；该目录为空"},
    {"issue code {} is not in the issue catalogue of chain {} ({}); it has {} and {} more",
     "问题代码 {} 不在产业链 {} 的问题目录中（{}）；目录中有 {} 等（另有 {} 个）"},
    {"issue code {} is not in the issue catalogue of chain {} ({}); it has {}", "问题代码 {} 不在产业链 {} 的问题目录中（{}）；目录中有 {}"},
    {"issue code {} given twice", "问题代码 {} 重复给出"},
    {"planned_start: {} is not a date (YYYY-MM-DD)", "计划开始日期 {} 不是有效日期（YYYY-MM-DD）"},
    {"start: {} is not a date (YYYY-MM-DD)", "开始日期 {} 不是有效日期（YYYY-MM-DD）"},
    {"end: {} is not a date (YYYY-MM-DD)", "结束日期 {} 不是有效日期（YYYY-MM-DD）"},
    {"start {} is after end {}", "开始日期 {} 晚于结束日期 {}"},
    {"cost must be a number of at least 0 (10k CNY), got {}", "费用须为不小于 0 的数值（万元），实际为 {}"},
    {"measure {} is empty", "第 {} 条帮扶措施为空"},
    {"provider {} is new: give its kind (certification_body, testing_lab, expert, association or bank)",
     "服务机构 {} 尚未登记：请给出其类型（certification_body、testing_lab、expert、association 或 bank，即认证机构、检测机构、专家、行业协会、银行）"},
    {"a provider's kind or region needs the provider's name", "给出服务机构的类型或地区时须同时给出其名称"},
    {"provider {} is recorded as {}, not {}", "服务机构 {} 已登记为 {}，不是 {}"},
    {"provider {} is recorded in region {}, not {}", "服务机构 {} 已登记的地区为 {}，不是 {}"},
    {"ledger: chain {} has no entry {}", "台账：产业链 {} 没有条目 {}"},
    {"unknown ledger status {} (expected planned, in_progress, done or dropped: 计划, 进行中, 完成 or 放弃)",
     "未知的台账状态 {}（应为 planned、in_progress、done 或 dropped，即计划、进行中、完成、放弃）"},
    {"unknown provider kind {} (expected certification_body, testing_lab, expert, association or bank: 认证机构, 检测机构, 专家, 协会 or 银行)",
     "未知的服务机构类型 {}（应为 certification_body、testing_lab、expert、association 或 bank，即认证机构、检测机构、专家、协会、银行）"},
    {"ledger: {} is not a workspace reference (FILE#CHAIN_ID)", "台账：{} 不是工作区引用（FILE#CHAIN_ID）"},
    {"ledger: the ledger belongs to the chain, not to one snapshot: give {} without @{}",
     "台账：帮扶台账属于产业链而不是某个快照：请给出 {}，不带 @{}"},
    {"--cost: {} is not a number (10k CNY)", "--cost：{} 不是数值（万元）"},
    {"ledger update: nothing to change (give at least one of --firm, --status, --end ...)",
     "ledger update：没有要修改的内容（请至少给出 --firm、--status、--end 等中的一项）"},
    {"plan --record: the chain must be a workspace reference (FILE#CHAIN_ID), whose ledger the picks go to",
     "plan --record：产业链须为工作区引用（FILE#CHAIN_ID），选中的企业记入其帮扶台账"},
    // --- workspace/src/project.cpp and cli/commands_project.cpp: joint tackling projects ---------
    {"project for issue {}: {m}", "攻关项目（问题 {}）：{}"},
    {"project {}: {m}", "攻关项目 {}：{}"},
    {"no leading firm given", "未给出牵头企业"},
    {"no participating firm given", "未给出参与企业"},
    {"leading firm {} is not in the latest snapshot of chain {} ({}, {} firms)", "牵头企业 {} 不在产业链 {} 的最新快照中（{}，共 {} 家企业）"},
    {"participating firm {} is not in the latest snapshot of chain {} ({}, {} firms)",
     "参与企业 {} 不在产业链 {} 的最新快照中（{}，共 {} 家企业）"},
    {"leading firm {} is of role {}: a project is led by a chain_leader or a large firm",
     "牵头企业 {} 的角色为 {}：攻关项目须由链主（chain_leader）或大型企业（large）牵头"},
    {"participating firm {} given twice", "参与企业 {} 重复给出"},
    {"target: a target value needs its kind (loss_reduction or firms_cleared)", "目标：给出目标值时须同时给出目标类型（loss_reduction 或 firms_cleared）"},
    {"target: a loss reduction is a fraction above 0 and at most 1 (0.5: halved), got {}",
     "目标：合格率损失降低的比例须大于 0 且不超过 1（0.5 即减半），实际为 {}"},
    {"target: firms cleared is a whole number of at least 1, got {}", "目标：消除问题的企业数须为不小于 1 的整数，实际为 {}"},
    {"a project's provider needs a name", "攻关项目的服务机构须有名称"},
    {"provider {} given twice", "服务机构 {} 重复给出"},
    {"project: chain {} has no project {}", "攻关项目：产业链 {} 没有项目 {}"},
    {"project: {} is not a workspace reference (FILE#CHAIN_ID)", "攻关项目：{} 不是工作区引用（FILE#CHAIN_ID）"},
    {"project: projects belong to the chain, not to one snapshot: give {} without @{}",
     "攻关项目：攻关项目属于产业链而不是某个快照：请给出 {}，不带 @{}"},
    {"project: give --provider-kind once for each --provider, in the same order (\"\" for a known provider), or not at all",
     "攻关项目：--provider-kind 须按 --provider 的顺序每个给出一次（已登记的机构写 \"\"），或都不给出"},
    {"project: give --region once for each --provider, in the same order (\"\" for none), or not at all",
     "攻关项目：--region 须按 --provider 的顺序每个给出一次（没有则写 \"\"），或都不给出"},
    {"project: give one target, --target-loss-reduction or --target-firms-cleared, not both",
     "攻关项目：只能给出一个目标：--target-loss-reduction 或 --target-firms-cleared"},
    {"--target-loss-reduction: {} is not a number", "--target-loss-reduction：{} 不是数值"},
    {"--target-firms-cleared: {} is not a number", "--target-firms-cleared：{} 不是数值"},
    {"project add: give the issue code (--issue CODE)", "project add：请给出问题代码（--issue CODE）"},
    {"project add: give the leading firm (--leader ID)", "project add：请给出牵头企业（--leader ID）"},
    {"project update: nothing to change (give at least one of --status, --end, --firm ...)",
     "project update：没有要修改的内容（请至少给出 --status、--end、--firm 等中的一项）"},
    // --- workspace/src/users.cpp, server/, cli/commands_server.cpp: accounts and `qchain serve` ---
    {"user name must be 1 to 64 bytes, got {}", "用户名须为 1 到 64 个字节，实际为 {}"},
    {"user name \"{}\" contains a space, a slash or a control character", "用户名“{}”含有空格、斜杠或控制字符"},
    {"password must be {} to {} bytes long", "密码长度须为 {} 到 {} 个字节"},
    {"password contains a control character", "密码含有控制字符"},
    {"user \"{}\": a region must not be empty", "用户“{}”：地区不能为空"},
    {"user \"{}\" exists already", "用户“{}”已存在"},
    {"no user \"{}\" in the workspace", "工作区中没有用户“{}”"},
    {"out of memory while hashing the password", "计算密码散列时内存不足"},
    {"libsodium could not be initialised", "libsodium 初始化失败"},
    {"no password on standard input (one line)", "标准输入中没有密码（应为一行）"},
    {"--listen: expected HOST:PORT (such as 127.0.0.1:8080), got \"{}\"", "--listen：应为 HOST:PORT（如 127.0.0.1:8080），实际为“{}”"},
    {"--listen {}: the workspace has no account, so the server listens on a loopback address only (add one with `qchain user {} add NAME --role admin`)",
     "--listen {}：工作区中没有账户，服务只能在本机回环地址上监听（用 `qchain user {} add NAME --role admin` 新增账户）"},
    {"--tls-cert and --tls-key go together", "--tls-cert 和 --tls-key 须同时给出"},
    {"{}: cannot load the TLS certificate (PEM)", "{}：无法读取 TLS 证书（PEM）"},
    {"{}: cannot load the TLS private key (PEM), or it does not match the certificate", "{}：无法读取 TLS 私钥（PEM），或私钥与证书不匹配"},
    {"cannot listen on {}: {}", "无法在 {} 上监听：{}"},
    {"not signed in", "未登录或登录已过期"},
    {"wrong user name or password", "用户名或密码错误"},
    {"too many failed sign-ins; try again in {} s", "登录失败次数过多，请 {} 秒后再试"},
    {"a sign-in needs a JSON object with the texts \"user\" and \"password\"", "登录请求体应为含有文本字段“user”和“password”的 JSON 对象"},
    {"missing or wrong X-CSRF-Token header", "缺少 X-CSRF-Token 请求头，或其值不正确"},
    {"method {} is not allowed here", "此处不允许使用 {} 方法"},
    {"no such page", "找不到该页面"},
    {"the API is not part of this build", "此版本未包含 API"},
    {"request body too large: the limit is {} bytes", "请求体过大：上限为 {} 字节"},
    {"request header too large", "请求头过大"},
    {"malformed request: {}", "请求格式错误：{}"},
    {"{}: the workspace has no schema version; it is damaged or not a qchain workspace", "{}：工作区没有结构版本号；文件已损坏或不是 qchain 工作区"},
    {"{}: no such workspace (`qchain workspace init {}` creates one)", "{}：没有这个工作区（`qchain workspace init {}` 可新建）"},
    {"{}: not a qchain workspace (not an SQLite database)", "{}：不是 qchain 工作区（不是 SQLite 数据库）"},
    {"{}: not a qchain workspace (create one with `qchain workspace init FILE`)", "{}：不是 qchain 工作区（用 `qchain workspace init FILE` 新建）"},
    {"{}: the workspace has schema version {}, this qchain reads up to version {}; use a newer qchain",
     "{}：该工作区的结构版本为 {}，本 qchain 最高只能读取版本 {}；请使用更新的 qchain"},
    {"{}: workspace busy: another process is writing to it; try again when it has finished", "{}：工作区正忙：另一个进程正在写入，请稍后再试"},
    {"{}: the workspace is damaged ({})", "{}：工作区已损坏（{}）"},
    {"{}: disk full while writing the workspace", "{}：写入工作区时磁盘已满"},
    {"{}: cannot open the workspace: {}", "{}：无法打开工作区：{}"},
    {"{}: cannot update the workspace: {}", "{}：无法更新工作区：{}"},
    {"{}: cannot read the workspace: {}", "{}：无法读取工作区：{}"},
    {"{}: the workspace holds no chain \"{}\"; it holds no chain yet", "{}：工作区中没有产业链“{}”；工作区还是空的"},
    {"{}: the workspace holds no chain \"{}\"; it holds {}", "{}：工作区中没有产业链“{}”；现有：{}"},
    {"{}: the workspace holds no snapshot of chain \"{}\" dated {}; it holds {}", "{}：工作区中没有产业链“{}”在 {} 的快照；现有：{}"},
    {"{}: \"{}\" is not a date (YYYY-MM-DD)", "{}：“{}”不是日期（YYYY-MM-DD）"},
    {"{}: no chain id after '#' (FILE#CHAIN_ID or FILE#CHAIN_ID@YYYY-MM-DD)", "{}：'#' 之后缺少产业链 id（FILE#CHAIN_ID 或 FILE#CHAIN_ID@YYYY-MM-DD）"},
    {"{}: exists already; a new workspace needs a new file", "{}：文件已存在；新建工作区需要一个新文件"},
    {"import: the chain has no chain.id; a workspace keeps chains by id", "import：产业链没有 chain.id；工作区按 id 保存产业链"},
    {"--as-of: \"{}\" is not a date (YYYY-MM-DD)", "--as-of：“{}”不是日期（YYYY-MM-DD）"},
    {"--as-of {} contradicts the chain's own date (chain.as_of {})", "--as-of {} 与产业链自身的日期（chain.as_of {}）不符"},
    {"import: the chain has no chain.as_of; give the snapshot's date with --as-of YYYY-MM-DD", "import：产业链没有 chain.as_of；请用 --as-of YYYY-MM-DD 给出快照日期"},
    {"{}: holds a snapshot of chain \"{}\" dated {} already (--replace replaces it)", "{}：已有产业链“{}”在 {} 的快照（--replace 可替换）"},
    {"--view ecosystem needs a chain in a workspace (FILE#CHAIN_ID): the ledger and projects are kept there",
     "--view ecosystem 须用工作区中的产业链（FILE#CHAIN_ID）：帮扶台账和攻关项目保存在工作区中"},
    {"trend: CHAIN must be a chain in a workspace (FILE#CHAIN_ID), not {}", "trend：CHAIN 须为工作区中的产业链（FILE#CHAIN_ID），而不是 {}"},
    {"a trend needs at least one snapshot", "趋势至少需要一个快照"},
    {"a trend's snapshot needs its chain and one delivered defect rate per firm", "趋势的每个快照须有产业链及每家企业的交付不良率"},
    {"import: CHAIN_PATH must be a chain file or folder, not a workspace reference", "import：CHAIN_PATH 须为产业链文件或文件夹，不能是工作区引用"},
    {"unknown view", "未知的图类型"},
    {"compare: the delivered defect rates do not match the snapshots' firms", "compare：交付缺陷率与快照中的企业不对应"},
    {"effect indicators: the matching does not cover the after snapshot's firms", "经营效果指标：企业匹配与之后快照中的企业不对应"},
    {"effect indicators: the satisfaction threshold must be a finite number", "经营效果指标：满意度阈值必须是有限的数"},
    {"report_json: a section is given without what it needs", "report_json：某一部分缺少所需的数据"},
    {"the diagram has {} nodes, more than the {} a layout is started on; aggregate it (--max-nodes) or draw a part (--focus)",
     "图中有 {} 个节点，超过排版上限 {}；请聚合（--max-nodes）或只画一部分（--focus）"},
    {"--view fishbone: the chain has no chain_leader", "--view fishbone: 该产业链没有链主企业（chain_leader）"},
    {"--leader: {} is not a chain leader", "--leader: {} 不是链主企业"},
    {"{}: unknown firm {}", "{}: 未知企业 {}"},
    {"{}: unknown segment {}", "{}: 未知环节 {}"},
    {"unknown export format {}", "未知的导出格式 {}"},
    {"--format {} contradicts the output's extension: {} (use --format {} or another file name)",
     "--format {} 与输出文件的扩展名不符：{}（请用 --format {}，或换一个文件名）"},
    {"unknown command {}; `qchain help` lists them", "未知命令 {}；`qchain help` 可列出全部命令"},
    {"... {} more problems not shown", "……另有 {} 个问题未显示"},
    {"internal error: {}", "内部错误：{}"},
    {"out of memory", "内存不足"},
    {"qchain-mpi runs analyze, risk and whatif; run {} with qchain", "qchain-mpi 只运行 analyze、risk 和 whatif；{} 请用 qchain 运行"},
    {"a what-if result arrived cut short", "收到的情景推演结果不完整"},
    {"a what-if result arrived with bytes to spare", "收到的情景推演结果有多余的字节"},
    {"a what-if result arrived garbled", "收到的情景推演结果已损坏"},

    // --- CLI11's parse errors (Debian's libcli11-dev 2.1), printed by cli/main.cpp ----------------
    {"Run with --help for more information.", "使用 --help 查看更多说明。"},
    {"The following argument was not expected: {}", "无法识别的参数：{}"},
    {"The following arguments were not expected: {}", "无法识别的参数：{}"},
    {"A subcommand is required", "需要给出一个子命令"},
    {"Requires at least {} subcommands", "至少需要 {} 个子命令"},
    {"{}: Value {} not in range {} to {}", "{}: 值 {} 不在 {} 到 {} 的范围内"},
    {"{}: Value {} could not be converted", "{}: 无法转换值 {}"},
    {"{}: {} not in {}", "{}: {} 不在可选值 {} 之中"},
    {"Could not convert: {} = {}", "无法转换：{} = {}"},
    {"The value {} is not an allowed value for {}", "值 {} 不是 {} 允许的取值"},
    {"{}: At least {} required but received {}", "{}: 至少需要 {} 个，实际只有 {} 个"},
    {"{}: At Most {} required but received {}", "{}: 最多允许 {} 个，实际有 {} 个"},
    {"{}: {} required {} missing", "{0}: 缺少取值（需要 {1} 个，类型 {2}）"},
    {"Expected exactly {} arguments to {}, got {}", "{1} 需要恰好 {0} 个参数，实际有 {2} 个"},
    {"Expected at least {} arguments to {}, got {}", "{1} 需要至少 {0} 个参数，实际有 {2} 个"},
    {"{} was given a disallowed flag override", "{} 不允许以这种方式给出值"},
    {"{} excludes {}", "{} 与 {} 不能同时使用"},
    {"{} requires {}", "{} 需要与 {} 一起使用"},
    {"{} is required", "缺少必需的 {}"},
};

struct Capture {
  std::string_view text;
  bool message;  // `{m}`: looked up in turn
};

// Whether pattern `p` matches all of `t`; captures are as short as lets the rest match.
bool match(std::string_view p, std::string_view t, std::vector<Capture>& caps) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "{{") {
      if (t.empty() || t[0] != '{') return false;
      p.remove_prefix(2);
      t.remove_prefix(1);
      continue;
    }
    const bool text = p.substr(0, 2) == "{}", message = p.substr(0, 3) == "{m}";
    if (text || message) {
      p.remove_prefix(text ? 2 : 3);
      if (p.empty()) {
        caps.push_back({t, message});
        return true;
      }
      const char next = p[0];  // a literal: captures never stand side by side
      for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] != next) continue;
        caps.push_back({t.substr(0, i), message});
        if (match(p, t.substr(i), caps)) return true;
        caps.pop_back();
      }
      return false;
    }
    if (t.empty() || t[0] != p[0]) return false;
    p.remove_prefix(1);
    t.remove_prefix(1);
  }
  return t.empty();
}

// Fills template `z` with the captures' texts.
std::string fill(std::string_view z, const std::vector<std::string>& parts) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    if (z[i] == '{' && i + 1 < z.size() && z[i + 1] == '{') {
      out += '{';
      ++i;
    } else if (z[i] == '{' && i + 1 < z.size() && z[i + 1] == '}') {
      if (next < parts.size()) out += parts[next];
      ++next;
      ++i;
    } else if (z[i] == '{' && i + 2 < z.size() && z[i + 1] >= '0' && z[i + 1] <= '9' && z[i + 2] == '}') {
      const auto k = static_cast<std::size_t>(z[i + 1] - '0');
      if (k < parts.size()) out += parts[k];
      i += 2;
    } else {
      out += z[i];
    }
  }
  return out;
}

std::size_t capture_count(std::string_view p) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.substr(i, 2) == "{{") ++i;
    else if (p.substr(i, 2) == "{}") ++n, ++i;
    else if (p.substr(i, 3) == "{m}") ++n, i += 2;
  }
  return n;
}

}  // namespace

LocalisedMessage localise_with(const std::vector<MessagePattern>& patterns, std::string_view english, Lang lang) {
  std::optional<LocalisedMessage> partial;
  std::vector<Capture> caps;
  for (const MessagePattern& mp : patterns) {
    caps.clear();
    if (!match(mp.en, english, caps)) continue;
    bool all = true;
    std::vector<std::string> parts;
    for (const Capture& c : caps) {
      if (!c.message) {
        parts.emplace_back(c.text);
        continue;
      }
      LocalisedMessage inner = localise_with(patterns, c.text, Lang::zh);
      all = all && inner.matched;
      parts.push_back(std::move(inner.text));
    }
    LocalisedMessage out{lang == Lang::zh ? fill(mp.zh, parts) : std::string(english), all};
    if (all) return out;
    if (!partial) partial = std::move(out);
  }
  if (partial) return *partial;
  return {std::string(english), false};
}

const std::vector<MessagePattern>& message_catalogue() { return kCatalogue; }

LocalisedMessage localise(std::string_view english, Lang lang) { return localise_with(kCatalogue, english, lang); }

std::string localise_message(std::string_view english, Lang lang) {
  if (lang == Lang::en) return std::string(english);
  return localise(english, lang).text;
}

std::string localise_diagnostic(const Diagnostic& d, Lang lang) {
  if (lang == Lang::en) return format_diagnostic(d);
  // The location as format_diagnostic writes it, then the severity, field and message.
  std::string out = format_diagnostic(Diagnostic{Severity::error, d.file, d.line, d.column, "", "", d.sheet});
  if (d.severity == Severity::warning) out += tr(lang, "警告: ", "warning: ");
  if (!d.field.empty()) out += d.field + ": ";
  out += localise_message(d.message, lang);
  return out;
}

std::vector<std::string> catalogue_problems(const std::vector<MessagePattern>& patterns) {
  std::vector<std::string> out;
  std::set<std::string_view> seen;
  for (const MessagePattern& mp : patterns) {
    const std::string en(mp.en);
    if (!seen.insert(mp.en).second) out.push_back("pattern listed twice: " + en);
    const std::size_t n = capture_count(mp.en);
    std::string literal;  // the pattern without its captures
    bool previous_capture = false;
    for (std::size_t i = 0; i < mp.en.size(); ++i) {
      const bool text = mp.en.substr(i, 2) == "{}", message = mp.en.substr(i, 3) == "{m}";
      if (text || message) {
        if (previous_capture) out.push_back("two captures side by side: " + en);
        previous_capture = true;
        i += text ? 1 : 2;
        continue;
      }
      if (mp.en.substr(i, 2) == "{{") ++i;
      else if (mp.en[i] == '{') out.push_back("unknown placeholder in pattern: " + en);
      previous_capture = false;
      literal += mp.en[i];
    }
    if (literal.empty()) out.push_back("pattern without literal text: " + en);
    // Every capture appears in the template, and the template names no other.
    std::vector<bool> used(n, false);
    std::size_t next = 0;
    for (std::size_t i = 0; i < mp.zh.size(); ++i) {
      if (mp.zh.substr(i, 2) == "{{") { ++i; continue; }
      if (mp.zh[i] != '{') continue;
      if (mp.zh.substr(i, 2) == "{}") {
        if (next < n) used[next] = true;
        else out.push_back("template has more {} than the pattern captures: " + en);
        ++next, ++i;
      } else if (i + 2 < mp.zh.size() && mp.zh[i + 1] >= '0' && mp.zh[i + 1] <= '9' && mp.zh[i + 2] == '}') {
        const auto k = static_cast<std::size_t>(mp.zh[i + 1] - '0');
        if (k < n) used[k] = true;
        else out.push_back("template names a capture the pattern lacks: " + en);
        i += 2;
      } else {
        out.push_back("unknown placeholder in template: " + en);
      }
    }
    if (std::find(used.begin(), used.end(), false) != used.end()) out.push_back("template drops a capture: " + en);
  }
  return out;
}

}  // namespace qchain::report
