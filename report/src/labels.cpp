#include "qchain/report/labels.hpp"

namespace qchain::report {

using namespace qchain::graphs;

const char* role_label(Role r, Lang lang) {
  static const char* zh[] = {"链主企业", "龙头企业", "中型企业", "小型企业", "微型企业"};
  static const char* en[] = {"chain leader", "large", "medium", "small", "micro"};
  return (lang == Lang::zh ? zh : en)[static_cast<int>(r)];
}

std::string chain_title(const ChainGraph& g) { return g.info().name.empty() ? g.info().id : g.info().name; }

std::string as_of_label(const ChainGraph& g, Lang lang) {
  return g.info().as_of.empty() ? std::string(tr(lang, "未注明日期", "undated")) : g.info().as_of;
}

std::string segment_label(const ChainGraph& g, std::uint32_t segment, Lang lang) {
  return segment == kNone ? tr(lang, "（未分环节）", "(no segment)") : g.segments()[segment].name;
}

const char* category_label(IssueCategory c, Lang lang) {
  static const char* zh[] = {"人", "机", "料", "法", "测", "环"};
  static const char* en[] = {"man", "machine", "material", "method", "measurement", "environment"};
  return (lang == Lang::zh ? zh : en)[static_cast<int>(c)];
}

std::string category_title(IssueCategory c, Lang lang) {
  static const char* zh[] = {"人员", "设备", "材料", "方法", "测量", "环境"};
  static const char* en[] = {"Man", "Machine", "Material", "Method", "Measurement", "Environment"};
  const int k = static_cast<int>(c);
  return lang == Lang::zh ? std::string(category_label(c, lang)) + " · " + zh[k] : std::string(en[k]);
}

}  // namespace qchain::report
