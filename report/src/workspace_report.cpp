#include "qchain/report/workspace_report.hpp"

#include "json_out.hpp"
#include "qchain/report/text_table.hpp"

namespace qchain::report {

std::string workspace_json(const std::string& file, const std::vector<workspace::ChainEntry>& chains) {
  return json::document([&](json::Writer& w) {
    w.StartObject();
    json::key(w, "workspace"); json::str(w, file);
    json::key(w, "schema_version"); json::count(w, workspace::kSchemaVersion);
    json::key(w, "chains");
    w.StartArray();
    for (const workspace::ChainEntry& c : chains) {
      w.StartObject();
      json::key(w, "id"); json::str(w, c.chain_id);
      json::key(w, "snapshots");
      w.StartArray();
      for (const workspace::SnapshotInfo& s : c.snapshots) {
        w.StartObject();
        json::key(w, "as_of"); json::str(w, s.as_of);
        json::key(w, "name"); json::str(w, s.name);
        json::key(w, "firms"); json::count(w, s.firms);
        json::key(w, "links"); json::count(w, s.links);
        json::key(w, "source"); json::str(w, s.source);
        json::key(w, "imported_at"); json::str(w, s.imported_at);
        json::key(w, "imported_by"); json::str(w, s.imported_by);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

std::string workspace_text(const std::string& file, const std::vector<workspace::ChainEntry>& chains, Lang L) {
  std::string out = file + (L == Lang::zh ? "：" : ": ");
  std::size_t snapshots = 0;
  for (const auto& c : chains) snapshots += c.snapshots.size();
  out += L == Lang::zh ? std::to_string(chains.size()) + " 条产业链，" + std::to_string(snapshots) + " 个快照\n"
                       : std::to_string(chains.size()) + " chains, " + std::to_string(snapshots) + " snapshots\n";
  if (chains.empty()) return out;
  TextTable t;
  t.add_column(tr(L, "产业链", "chain"));
  t.add_column(tr(L, "日期", "as of"));
  t.add_column(tr(L, "名称", "name"));
  t.add_column(tr(L, "企业", "firms"), TextTable::Align::right);
  t.add_column(tr(L, "供应关系", "links"), TextTable::Align::right);
  t.add_column(tr(L, "导入时间", "imported"));
  t.add_column(tr(L, "导入人", "by"));
  t.add_column(tr(L, "来源", "source"));
  for (const auto& c : chains)
    for (const auto& s : c.snapshots)
      t.add_row({c.chain_id, s.as_of, s.name, std::to_string(s.firms), std::to_string(s.links), s.imported_at, s.imported_by, s.source});
  return out + "\n" + t.render();
}

std::string import_text(const std::string& file, const workspace::ImportResult& r, std::uint32_t firms, std::uint32_t links, Lang L) {
  const std::string ref = file + "#" + r.chain_id + "@" + r.as_of;
  if (L == Lang::zh)
    return ref + (r.replaced ? "：已替换快照（" : "：已存入快照（") + std::to_string(firms) + " 家企业，" + std::to_string(links) + " 条供应关系）\n";
  return ref + (r.replaced ? ": snapshot replaced (" : ": snapshot stored (") + std::to_string(firms) + " firms, " + std::to_string(links) +
         " links)\n";
}

std::string workspace_created_text(const std::string& file, Lang L) {
  return file + (L == Lang::zh ? "：已新建工作区\n" : ": workspace created\n");
}

}  // namespace qchain::report
