#include "qchain/graphs/table_columns.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "qchain/core/civil_date.hpp"
#include "qchain/core/number_format.hpp"
#include "qchain/graphs/chain_builder.hpp"
#include "qchain/graphs/name_match.hpp"

namespace qchain::graphs {
namespace {

using K = CellKind;

// Column order matters: the readers address columns by their index in these lists.
const std::vector<TableSpec> kTables = {
    {TableId::chain, "chain", "产业链",
     {{"id", "产业链编号"}, {"name", "产业链名称"}, {"region", "地区"}, {"industry", "行业"}, {"description", "说明"},
      {"as_of", "数据日期", K::date}, {"default_detection", "默认检出率", K::fraction},
      {"default_inspection", "默认来料检验率", K::fraction}},
     {"id", "name"}, {}},
    {TableId::segments, "segments", "环节",
     {{"id", "环节编号"}, {"name", "环节名称"}, {"order", "顺序", K::integer}}, {"id", "name", "order"}, {}},
    {TableId::issues, "issues", "问题目录",
     {{"code", "问题代码"}, {"name", "问题名称"}, {"category", "类别", K::category}, {"yield_loss", "合格率损失", K::fraction},
      {"description", "说明"}},
     {"code", "name", "category"}, {}},
    {TableId::firms, "firms", "企业",
     {{"id", "企业编号"}, {"name", "企业名称"}, {"role", "规模", K::role}, {"segment", "环节"}, {"region", "地区"},
      {"first_pass_yield", "一次合格率", K::fraction}, {"maturity", "成熟度", K::maturity}, {"employees", "员工人数", K::integer},
      {"revenue", "营业收入", K::number}, {"certifications", "认证", K::list}, {"issues", "质量问题", K::list},
      {"assisted_by", "帮扶单位"}, {"assisted_since", "帮扶开始日期", K::date}, {"assisted_programme", "帮扶项目"},
      {"detection", "检出率", K::fraction}, {"willingness", "提升意愿", K::willingness},
      {"profit", "利润", K::number}, {"operating_cost", "营业成本", K::number}, {"quality_cost", "质量成本", K::number},
      {"satisfaction", "满意度", K::fraction}},
     {"id", "name", "role"}, {"first_pass_yield"}},
    {TableId::certifications, "certifications", "认证",
     {{"firm", "企业编号"}, {"scheme", "认证名称"}, {"status", "状态", K::status}, {"expires", "到期日", K::date}},
     {"firm", "scheme", "status"}, {}},
    {TableId::firm_issues, "firm_issues", "企业质量问题",
     {{"firm", "企业编号"}, {"code", "问题代码"}, {"severity", "严重程度", K::integer}}, {"firm", "code", "severity"}, {}},
    {TableId::links, "links", "供应关系",
     {{"supplier", "供应商编号"}, {"customer", "客户编号"}, {"input", "投入品"}, {"share", "份额", K::fraction},
      {"essential", "必需", K::boolean}, {"weight", "权重", K::fraction}, {"inspection", "来料检验率", K::fraction},
      {"requires", "要求认证", K::list}, {"value", "采购额", K::number}},
     {"supplier", "customer"}, {}},
    // The optional input catalogue: what each link's `input` id is called.
    {TableId::inputs, "inputs", "投入品目录", {{"id", "投入品编号"}, {"name", "投入品名称"}}, {"id", "name"}, {}},
};

struct EnumWords {
  CellKind kind;
  std::vector<const char*> english;
  std::vector<std::vector<const char*>> chinese;  // per English value: the words accepted, the first written
};
const std::vector<EnumWords> kEnums = {
    {K::role, {"chain_leader", "large", "medium", "small", "micro"},
     {{"链主", "链主企业"}, {"大型", "大型企业", "龙头企业"}, {"中型", "中型企业"}, {"小型", "小型企业"}, {"微型", "微型企业", "个体工商户"}}},
    {K::status, {"valid", "suspended", "expired", "in_progress"}, {{"有效"}, {"暂停"}, {"过期", "已过期"}, {"认证中"}}},
    {K::category, {"man", "machine", "material", "method", "measurement", "environment"},
     {{"人", "人员"}, {"机", "机器", "设备"}, {"料", "材料", "物料"}, {"法", "方法"}, {"测", "测量"}, {"环", "环境"}}},
    {K::boolean, {"true", "false"}, {{"是", "yes", "1", "必需"}, {"否", "no", "0", "非必需"}}},
    {K::maturity, {"startup", "developing", "leaping"}, {{"初创级", "初创"}, {"发展级", "发展"}, {"跨越级", "跨越"}}},
    {K::willingness, {"strong", "moderate", "weak"}, {{"强", "强烈"}, {"一般", "中"}, {"弱", "不强"}}},
};

const EnumWords* enum_words(CellKind kind) {
  for (const EnumWords& e : kEnums)
    if (e.kind == kind) return &e;
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  // The ideographic space U+3000 a Chinese input method leaves.
  while (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
  while (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
  return s;
}

const std::int64_t kExcelEpoch = days_from_civil({1899, 12, 30});  // serial 0 in the 1900 system, after its 29 Feb 1900

}  // namespace

const std::vector<TableSpec>& table_specs() { return kTables; }
const TableSpec& table_spec(TableId id) { return kTables[static_cast<std::size_t>(id)]; }

const TableSpec* find_table(std::string_view name) {
  const std::string folded = fold_header(trim(name));
  for (const TableSpec& t : kTables)
    if (name == t.key || trim(name) == t.zh || folded == t.key) return &t;
  // A few names people use for the same sheets.
  static const std::pair<const char*, TableId> aliases[] = {
      {"产业链信息", TableId::chain}, {"链", TableId::chain},   {"问题", TableId::issues},     {"质量问题目录", TableId::issues},
      {"企业名录", TableId::firms},   {"企业信息", TableId::firms}, {"企业认证", TableId::certifications},
      {"认证情况", TableId::certifications}, {"企业问题", TableId::firm_issues}, {"供应链", TableId::links},
      {"链接", TableId::links}, {"firm_certifications", TableId::certifications}};
  for (const auto& [alias, id] : aliases)
    if (trim(name) == alias || folded == alias) return &table_spec(id);
  return nullptr;
}

std::optional<std::size_t> find_column(const TableSpec& t, std::string_view header, bool& exact) {
  const std::string_view h = trim(header);
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (header == t.columns[i].key || h == t.columns[i].zh) {
      exact = header == t.columns[i].key || header == t.columns[i].zh;
      return i;
    }
  const std::string folded = fold_header(h);
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (folded == t.columns[i].key || folded == fold_header(t.columns[i].zh)) {
      exact = false;
      return i;
    }
  return std::nullopt;
}

std::optional<std::string> english_value(CellKind kind, std::string_view cell) {
  const EnumWords* e = enum_words(kind);
  if (!e) return std::nullopt;
  const std::string_view v = trim(cell);
  const std::string folded = fold_header(v);
  for (std::size_t i = 0; i < e->english.size(); ++i) {
    if (folded == e->english[i]) return std::string(e->english[i]);
    for (const char* w : e->chinese[i])
      if (v == w || folded == w) return std::string(e->english[i]);
  }
  return std::nullopt;
}

std::vector<std::string> chinese_values(CellKind kind) {
  std::vector<std::string> out;
  if (const EnumWords* e = enum_words(kind))
    for (const auto& words : e->chinese) out.emplace_back(words.front());
  return out;
}

std::vector<std::string> english_values(CellKind kind) {
  std::vector<std::string> out;
  if (const EnumWords* e = enum_words(kind)) out.assign(e->english.begin(), e->english.end());
  return out;
}

std::string chinese_value(CellKind kind, std::string_view english) {
  if (const EnumWords* e = enum_words(kind))
    for (std::size_t i = 0; i < e->english.size(); ++i)
      if (english == e->english[i]) return e->chinese[i].front();
  return std::string(english);
}

std::optional<double> read_number(std::string_view cell, CellKind kind, std::string& error) {
  std::string s(trim(cell));
  bool percent = false;
  if (!s.empty() && s.back() == '%') {
    percent = true;
    s.pop_back();
  } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xEF\xBC\x85") {  // full-width ％
    percent = true;
    s.resize(s.size() - 3);
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  // Thousands separators as spreadsheets display them: 1,234,567.5
  if (s.find(',') != std::string::npos) {
    const std::size_t sign = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    const std::size_t dot = s.find('.');
    const std::string whole = s.substr(sign, (dot == std::string::npos ? s.size() : dot) - sign);
    // d{1,3}(,ddd)+
    bool grouped = !whole.empty() && whole.find(',') <= 3 && whole.find(',') > 0;
    for (std::size_t i = 0; grouped && i < whole.size(); ++i) {
      const bool comma_place = i >= whole.find(',') && (i - whole.find(',')) % 4 == 0;
      grouped = comma_place ? whole[i] == ',' : (whole[i] >= '0' && whole[i] <= '9');
    }
    if (grouped && (whole.size() - whole.find(',')) % 4 == 0) s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  }
  double v = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  if (b != e && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range) v = std::numeric_limits<double>::infinity();
  else if (ec != std::errc() || p != e || b == e) {
    error = "expected a number, got \"" + std::string(cell) + "\"";
    return std::nullopt;
  }
  if (std::isinf(v) && s.find_first_of("nN") == std::string::npos) {
    error = "number out of range: \"" + std::string(cell) + "\"";
    return std::nullopt;
  }
  if (percent) {
    if (kind != CellKind::fraction) {
      error = "a percentage (\"" + std::string(cell) + "\") where a plain number is expected";
      return std::nullopt;
    }
    return v / 100;
  }
  if (kind == CellKind::fraction && v > 1 && v <= 100) {
    error = "must be between 0 and 1, got " + number_text(v) + " (if " + number_text(v) + " % is meant, write " +
            number_text(v / 100) + " or " + number_text(v) + "%)";
    return std::nullopt;
  }
  return v;
}

std::string read_date(std::string_view cell) {
  const std::string_view s = trim(cell);
  // A serial number (a date cell, or a date cell saved as its number).
  if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
      std::count(s.begin(), s.end(), '.') <= 1 && s.front() != '.') {
    double serial = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), serial);
    if (ec == std::errc() && p == s.data() + s.size() && serial >= 61 && serial < 2958466) {
      const CivilDate date = civil_from_days(kExcelEpoch + static_cast<std::int64_t>(std::floor(serial)));
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", static_cast<long>(date.year), date.month, date.day);
      return buf;
    }
    return std::string(cell);
  }
  // Y sep M sep D [rest], sep one of - / . or 年 月 日.
  std::size_t i = 0;
  int parts[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) parts[k] = parts[k] * 10 + (s[i++] - '0');
    const std::size_t n = i - start;
    if (n == 0 || (k == 0 && n != 4) || (k > 0 && n > 2)) return std::string(cell);
    if (k == 2) break;
    if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) ++i;
    else if (k == 0 && s.substr(i, 3) == "年") i += 3;
    else if (k == 1 && s.substr(i, 3) == "月") i += 3;
    else return std::string(cell);
  }
  if (s.substr(i, 3) == "日") i += 3;
  // What may follow a day: nothing, or a time ("2024-06-01 00:00:00", "2024-06-01T00:00").
  if (i < s.size() && s[i] != ' ' && s[i] != 'T') return std::string(cell);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", parts[0], parts[1], parts[2]);
  // Not a calendar day: left as written, for the message.
  return is_valid_date(buf) ? std::string(buf) : std::string(cell);
}

std::optional<double> date_serial(std::string_view date) {
  if (!is_valid_date(date)) return std::nullopt;
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) v = v * 10 + (date[k] - '0');
    return v;
  };
  const std::int64_t days =
      days_from_civil({num(0, 4), static_cast<unsigned>(num(5, 2)), static_cast<unsigned>(num(8, 2))});
  const std::int64_t serial = days - kExcelEpoch;
  if (serial < 61) return std::nullopt;
  return static_cast<double>(serial);
}

}  // namespace qchain::graphs
