// Every text a planner reads, Chinese first; English when the switch says so.
const texts = {
  title: ["产业链质量工作台", "Supply-chain quality workbench"],
  sign_in: ["登录", "Sign in"], sign_out: ["退出", "Sign out"],
  user: ["用户名", "User"], password: ["密码", "Password"],
  login_failed: ["登录失败", "Sign-in failed"],
  chains: ["产业链", "Chains"], chain: ["产业链", "Chain"], snapshots: ["快照", "Snapshots"],
  latest: ["最新快照", "Latest snapshot"], firms: ["企业数", "Firms"], links: ["供应关系", "Links"],
  leaders_yield: ["链主交付合格率", "Leaders' delivered yield"], weak_segment: ["短板环节", "Weak segment"],
  trend: ["趋势", "Trend"], upload: ["上传快照", "Upload a snapshot"], upload_file: ["选择文件（JSON、xlsx 或 CSV 压缩包）", "Choose a file (JSON, xlsx or zipped CSV)"],
  uploaded: ["已导入", "Imported"], messages: ["校验信息", "Check messages"],
  explore: ["探索", "Explore"], diagrams: ["图谱", "Diagrams"], bottlenecks: ["质量瓶颈", "Bottlenecks"],
  whatif: ["情景推演", "What-if"], plan: ["帮扶计划与台账", "Plan and ledger"], effect: ["成效", "Effect"],
  report: ["报告", "Report"], search: ["搜索企业名称或编号、问题代码、环节", "Search a firm's name or id, an issue code, a segment"],
  up: ["上游步数", "Steps upstream"], down: ["下游步数", "Steps downstream"],
  firm_panel: ["企业详情", "Firm"], choose_firm: ["在搜索框中选择一家企业", "Choose a firm in the search box"],
  no_webgl: ["浏览器不支持 WebGL，无法绘制网络图", "This browser has no WebGL: the network view cannot be drawn"],
  issue: ["质量问题", "Issue"], segment: ["环节", "Segment"], firm: ["企业", "Firm"], name: ["名称", "Name"],
  id: ["编号", "Id"], role: ["角色", "Role"], value: ["取值", "Value"],
  view_map: ["产业链图谱", "Chain map"], view_issues: ["问题图谱", "Issue map"], view_fishbone: ["鱼骨图", "Fishbone"],
  view_ecosystem: ["帮扶生态图", "Ecosystem map"], download: ["下载", "Download"],
  shared_issues: ["共性质量问题", "Shared issues"], critical: ["关键供应商", "Critical suppliers"],
  systemic: ["系统重要性排名", "Systemic ranking"], index: ["系统重要性指数", "Systemic index"],
  leader: ["链主", "Leader"], path: ["供货路径", "Path"], total_gain: ["消除后链主合格率提升", "Leaders' gain if fixed"],
  csv: ["下载 CSV", "Download CSV"], xlsx: ["下载 xlsx", "Download xlsx"], mean_yield: ["平均合格率", "Mean yield"],
  event: ["事件", "Event"], add_event: ["添加事件", "Add an event"], run: ["运行", "Run"], remove: ["删除", "Remove"],
  ev_set_yield: ["合格率调整为", "Yield to"], ev_stop: ["停产", "Stop"], ev_decertify: ["撤销认证", "Decertify"],
  ev_spread_issue: ["问题扩散", "Spread an issue"], ev_fix_issue: ["问题消除", "Fix an issue"], ev_assist: ["帮扶（合格率提升）", "Assist (yield gain)"],
  targets: ["企业编号（逗号分隔）", "Firm ids (comma separated)"], any_segment: ["（不限环节）", "(any segment)"],
  scheme: ["认证", "Scheme"], code: ["问题代码", "Issue code"], severity: ["严重度", "Severity"], gain: ["提升", "Gain"],
  scenario_name: ["情景名称", "Scenario name"], save: ["保存", "Save"], saved: ["已保存的情景", "Saved scenarios"],
  upload_scenario: ["上传情景文件", "Upload a scenario"], before: ["推演前", "Before"], after: ["推演后", "After"],
  change: ["变化（百分点）", "Change (points)"], changed_firms: ["合格率变化的企业", "Firms that changed"],
  production: ["生产水平", "Production level"], previous: ["上一次推演", "Previous run"], current: ["本次推演", "This run"],
  budget: ["预算（家数）", "Budget (firms)"], candidates: ["候选角色", "Candidate roles"], run_plan: ["运行帮扶计划", "Run the planner"],
  add_ledger: ["登记到台账", "Add to the ledger"], added: ["已登记", "Added"], ledger: ["帮扶台账", "Assistance ledger"],
  projects: ["质量攻关项目", "Joint projects"], status: ["状态", "Status"], start: ["开始", "Start"], end: ["结束", "End"],
  provider: ["服务机构", "Provider"], measures: ["帮扶措施", "Measures"], cost: ["费用（万元）", "Cost (10k yuan)"],
  funding: ["资金来源", "Funding"], filter: ["筛选", "Filter"], all: ["全部", "All"], new_entry: ["新登记", "New entry"],
  st_planned: ["计划", "Planned"], st_in_progress: ["进行中", "In progress"], st_done: ["完成", "Done"], st_dropped: ["放弃", "Dropped"],
  rank: ["排名", "Rank"], gain_cum: ["累计提升", "Cumulative gain"], compare: ["快照对比", "Compare snapshots"],
  earlier: ["较早快照", "Earlier snapshot"], indicators: ["成效指标", "Indicators"], grades: ["分级（按环节）", "Grades by segment"],
  startup: ["初创级", "Startup"], developing: ["发展级", "Developing"], leaping: ["跨越级", "Leaping"],
  as_of: ["日期", "Date"], download_report: ["下载 HTML 报告", "Download the HTML report"],
  open_report: ["打开 HTML 报告", "Open the HTML report"], error: ["出错", "Error"], loading: ["加载中…", "Loading…"],
  none: ["无", "None"], viewer_note: ["只读账户：不能修改数据", "Read-only account: no changes"], title_leader: ["链主", "Leaders"],
  origin_share: ["上游缺陷来源占比", "Share of upstream defect origins"],
  micro: ["微型企业", "Micro"], small: ["小型企业", "Small"], medium: ["中型企业", "Medium"], large: ["大型企业", "Large"],
  groups: ["组（层级 × 环节）", "groups (tier × segment)"], firm_count: ["家企业", "firms"],
  no_segment: ["未分环节", "No segment"],
  overview_hint: ["每列一个层级，上游在左；颜色表示环节；在搜索框中选择企业，查看它的上下游", "One column per tier, upstream on the left; colours are segments; choose a firm in the search box to see its suppliers and customers"],
  scenario_map: ["情景图", "Scenario map"], lang_switch: ["English", "中文"], more: ["更多", "more"],
};

let lang = localStorage.getItem("qchain-lang") === "en" ? "en" : "zh";


// The firm document's keys and codes as a planner reads them (keys not listed are shown as they are).
const fields = {
  as_of: ["调查日期", "Survey date"], assisted: ["帮扶", "Assisted"], category: ["类别", "Category"],
  certifications: ["认证", "Certifications"], chain: ["产业链", "Chain"], code: ["代码", "Code"], count: ["数量", "Count"],
  criterion: ["评价指标", "Criterion"], critical_for: ["关键供应对象（链主）", "Critical for (leaders)"],
  customers: ["客户", "Customers"], delivered: ["交付合格率", "Delivered yield"], detection: ["检出率", "Detection"],
  developing: ["发展型", "Developing"], down: ["下游损失", "Downstream loss"], employees: ["员工数", "Employees"],
  expires: ["有效期至", "Expires"], firm: ["企业", "Firm"], firms: ["企业", "Firms"],
  first_pass_yield: ["一次合格率", "First-pass yield"], format: ["格式", "Format"], grade: ["分级", "Grade"],
  id: ["编号", "Id"], index: ["指数", "Index"], issues: ["质量问题", "Issues"], leader: ["链主", "Leader"],
  leaping: ["跃升型", "Leaping"], ledger: ["帮扶台账", "Ledger"], maturity: ["成熟度", "Maturity"], met: ["达标", "Met"],
  missing: ["缺少", "Missing"], name: ["名称", "Name"], own: ["自身合格率", "Own yield"],
  own_imputed: ["自身合格率为估算", "Own yield imputed"], rank: ["排名", "Rank"], region: ["地区", "Region"],
  revenue: ["营业收入（万元）", "Revenue (10k CNY)"], risk_index: ["质量风险指数", "Risk index"],
  risk_rank: ["质量风险排名", "Risk rank"], role: ["角色", "Role"], rubric: ["评价细则", "Rubric"],
  scheme: ["认证类型", "Scheme"], segment: ["环节", "Segment"], severity: ["严重度", "Severity"], status: ["状态", "Status"],
  suppliers: ["供应商", "Suppliers"], systemic: ["系统重要性", "Systemic importance"], threshold: ["门槛", "Threshold"],
  up: ["上游损失", "Upstream loss"], value: ["取值", "Value"], willingness: ["意愿", "Willingness"], yield: ["合格率", "Yield"],
  inputs: ["投入品", "Inputs"], input: ["投入品", "Input"], path: ["供货路径", "Path"],
};
const codes = {
  micro: ["微型", "micro"], small: ["小型", "small"], medium: ["中型", "medium"], large: ["大型", "large"],
  leader: ["链主", "leader"], startup: ["起步", "startup"], developing: ["发展", "developing"], mature: ["成熟", "mature"],
  strong: ["强", "strong"], moderate: ["一般", "moderate"], weak: ["弱", "weak"], valid: ["有效", "valid"],
  expired: ["已过期", "expired"], suspended: ["暂停", "suspended"], withdrawn: ["撤销", "withdrawn"],
  planned: ["计划", "planned"], in_progress: ["进行中", "in progress"], done: ["完成", "done"], dropped: ["放弃", "dropped"],
};

// A JSON key as a label; the key itself stays visible in English for those who script against the API.
export function fieldLabel(key) {
  const pair = fields[key];
  return pair ? pair[lang === "en" ? 1 : 0] : key;
}
// A code value (role, status ...) in the reader's language; other text unchanged.
export function codeLabel(value) {
  const pair = codes[value];
  return pair ? pair[lang === "en" ? 1 : 0] : value;
}

export function t(key) {
  const pair = texts[key];
  if (!pair) return key;
  return pair[lang === "en" ? 1 : 0];
}

export function language() { return lang; }

export function setLanguage(next) {
  lang = next === "en" ? "en" : "zh";
  localStorage.setItem("qchain-lang", lang);
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
}
