// The .qcsr snapshot: the chain read back equals the chain written, packing is deterministic, and
// every kind of damaged or foreign file is refused with an error naming it, never a crash.
#include "qchain/graphs/snapshot.hpp"

#include <cstddef>
#include <cstring>
#include <random>

#include "../../graphs/src/snapshot_format.hpp"
#include "../support/test_support.hpp"
#include "qchain/graphs/chain_export.hpp"

namespace {

using namespace qchain;
using namespace qchain::graphs;

ChainLoad pilot_load(const std::string& path) {
  LoadOptions o;
  o.locate_warnings = true;
  return load_chain_json(path, o);
}

std::string pilot_bytes() {
  const ChainLoad load = pilot_load(test::source_path("data/pilots/huangpu-smart-equipment.json"));
  return snapshot_bytes(*load.chain, load);
}

// The one error of a refused snapshot, or "" when it was accepted.
std::string refusal(const std::string& bytes, const SnapshotOptions& options = {}) {
  const ChainLoad load = load_snapshot_bytes(bytes, "bad.qcsr", options);
  if (load.chain) return "";
  EXPECT_EQ(load.errors, 1u);
  EXPECT_EQ(load.diagnostics.size(), 1u);
  if (load.diagnostics.empty()) return "?";
  EXPECT_EQ(load.diagnostics[0].file, "bad.qcsr");
  return load.diagnostics[0].message.empty() ? "?" : load.diagnostics[0].message;
}

void put32(std::string& bytes, std::size_t at, std::uint32_t v) { std::memcpy(&bytes[at], &v, 4); }

TEST(Snapshot, EveryPilotReadsBackAsTheSameChain) {
  for (const std::string& path : test::pilot_files()) {
    const ChainLoad load = pilot_load(path);
    ASSERT_TRUE(load.chain) << path;
    const ChainLoad back = load_snapshot_bytes(snapshot_bytes(*load.chain, load), "x.qcsr");
    ASSERT_TRUE(back.chain) << path << ": " << test::messages(back).front();
    EXPECT_TRUE(test::same_chain(*load.chain, *back.chain)) << path;
    // The whole model, through an independent writer: the normalised JSON export.
    EXPECT_EQ(chain_to_json(*load.chain), chain_to_json(*back.chain)) << path;
    EXPECT_EQ(test::messages(load), test::messages(back)) << path;
    EXPECT_EQ(load.warnings, back.warnings) << path;
    EXPECT_TRUE(back.chain->links().mapped() && back.chain->network().in_link.mapped()) << "big arrays are views";
    // Lookups go through the stored firm index and the rebuilt small ones.
    for (FirmId v = 0; v < back.chain->firm_count(); ++v) EXPECT_EQ(back.chain->find_firm(back.chain->firm(v).id), v);
    for (std::uint32_t s = 0; s < back.chain->schemes().size(); ++s)
      EXPECT_EQ(back.chain->find_scheme(back.chain->schemes()[s]), load.chain->find_scheme(load.chain->schemes()[s]));
    EXPECT_FALSE(back.chain->find_firm("no such firm"));
  }
}

// The writer streams the file in two passes (checksums, then bytes): the checksum of pieces must
// be the checksum of the whole, however the bytes are cut.
TEST(Snapshot, ChecksumOfPiecesIsTheChecksumOfTheWhole) {
  std::mt19937 rng(7);
  for (std::size_t size : {0u, 1u, 7u, 8u, 31u, 32u, 33u, 64u, 100u, 4099u}) {
    std::string bytes(size, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    const std::uint64_t whole = qcsr::checksum(bytes.data(), bytes.size());
    for (int trial = 0; trial < 20; ++trial) {
      qcsr::Checksum c;
      c.update(nullptr, 0);  // an empty vector's data(): nothing, and no undefined behaviour
      for (std::size_t at = 0; at < size;) {
        const std::size_t n = std::min<std::size_t>(size - at, rng() % 40);
        c.update(bytes.data() + at, n);
        at += n;
      }
      EXPECT_EQ(c.value(), whole) << size;
    }
    if (size > 0) {
      bytes[size / 2] ^= 1;
      EXPECT_NE(qcsr::checksum(bytes.data(), bytes.size()), whole) << "a flipped bit shows";
    }
  }
}

// The format pinned: the checksum's values on fixed bytes, and a pilot's whole snapshot through its
// header checksum (which covers the section table and so every section's checksum), as the writer
// of format version 2 before streaming (commit 1b62b63) produced them. A change here is a change of
// format: it needs a new version number, not a new constant.
TEST(Snapshot, ChecksumAndFileAreThoseOfFormatVersionTwo) {
  std::string bytes;
  for (int i = 0; i < 100; ++i) bytes.push_back(static_cast<char>(i * 7 + 3));
  const std::pair<std::size_t, std::uint64_t> known[] = {
      {0, 0x9090306c6e91ed59ull},  {1, 0x61d51c4828989f09ull},  {8, 0x879d98289af3f626ull},
      {31, 0xb213bef91362174bull}, {32, 0x2644d7437bfec4c1ull}, {33, 0xd0a93795cf353f19ull},
      {100, 0xb3eca8f792e0dbb0ull}};
  for (const auto& [n, value] : known) EXPECT_EQ(qcsr::checksum(bytes.data(), n), value) << n;

  LoadOptions o;
  o.locate_warnings = true;  // as qchain pack loads
  const ChainLoad load =
      load_chain_json_text(test::read(test::source_path("data/pilots/shaxian-snacks.json")), "shaxian-snacks.json", o);
  ASSERT_TRUE(load.chain);
  const std::string file = snapshot_bytes(*load.chain, load);
  ASSERT_EQ(file.size(), 73088u);
  std::uint64_t header_checksum = 0;
  std::memcpy(&header_checksum, file.data() + offsetof(qcsr::Header, header_checksum), 8);
  EXPECT_EQ(header_checksum, 0xb704c958f03e6802ull);
}

// write_snapshot streams what snapshot_bytes builds whole: the same bytes.
TEST(Snapshot, TheFileWrittenIsTheBytesBuilt) {
  const ChainLoad load = pilot_load(test::source_path("data/pilots/anping-wire-mesh.json"));
  ASSERT_TRUE(load.chain);
  const test::TempDir dir;
  const std::string path = dir.file("a.qcsr");
  write_snapshot(*load.chain, load, path);
  EXPECT_EQ(test::read(path), snapshot_bytes(*load.chain, load));
}

TEST(Snapshot, PackingIsDeterministicAndRepackingGivesTheSameBytes) {
  const ChainLoad load = pilot_load(test::source_path("data/pilots/fengxian-nev.json"));
  const std::string first = snapshot_bytes(*load.chain, load);
  EXPECT_EQ(first, snapshot_bytes(*load.chain, load));
  const ChainLoad back = load_snapshot_bytes(first, "x.qcsr");
  ASSERT_TRUE(back.chain);
  EXPECT_EQ(first, snapshot_bytes(*back.chain, back));  // a graph viewing a mapping writes the same file
  // A copy of a mapped graph outlives the mapping's first owner.
  const ChainGraph copy = *back.chain;
  EXPECT_TRUE(test::same_chain(copy, *load.chain));
}

TEST(Snapshot, FilesAreWrittenAndRecognisedByTheirMagic) {
  test::TempDir dir;
  const ChainLoad load = pilot_load(test::source_path("data/pilots/shaxian-snacks.json"));
  write_snapshot(*load.chain, load, dir.file("chain.qcsr"));
  EXPECT_TRUE(is_snapshot(dir.file("chain.qcsr")));
  std::filesystem::copy_file(dir.file("chain.qcsr"), dir.file("renamed.json"));
  const ChainLoad back = load_chain(dir.file("renamed.json"));  // the name says JSON, the bytes say snapshot
  ASSERT_TRUE(back.chain);
  EXPECT_TRUE(test::same_chain(*load.chain, *back.chain));
  EXPECT_FALSE(is_snapshot(test::source_path("data/pilots/shaxian-snacks.json")));
  // An empty file named .qcsr is the snapshot reader's to refuse.
  { std::ofstream(dir.file("empty.qcsr")); }
  const ChainLoad empty = load_chain(dir.file("empty.qcsr"));
  EXPECT_FALSE(empty.chain);
  ASSERT_EQ(empty.diagnostics.size(), 1u);
  EXPECT_EQ(empty.diagnostics[0].message, "empty file: not a qchain snapshot");
}

TEST(Snapshot, TruncatedAnywhereIsRefused) {
  const std::string bytes = pilot_bytes();
  for (std::size_t n = 0; n < bytes.size(); n += (n < 2048 ? 1 : 331)) {
    const std::string why = refusal(bytes.substr(0, n));
    EXPECT_NE(why, "") << "accepted at " << n;
  }
  EXPECT_EQ(refusal(""), "empty file: not a qchain snapshot");
  EXPECT_EQ(refusal(bytes.substr(0, 40)), "truncated: 40 bytes, shorter than the 64-byte header");
  EXPECT_EQ(refusal(bytes.substr(0, 4096)), "truncated: 4096 bytes of " + std::to_string(bytes.size()));
  EXPECT_EQ(refusal(bytes + "x"), "1 bytes after the end of the snapshot: the file is corrupt");
}

TEST(Snapshot, EveryFlippedByteIsNoticed) {
  const std::string bytes = pilot_bytes();
  ASSERT_EQ(refusal(bytes), "");
  for (std::size_t at = 0; at < bytes.size(); at += (at < 2048 ? 1 : 211)) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x10);
    EXPECT_NE(refusal(bad), "") << "flip at " << at << " accepted";
  }
}

TEST(Snapshot, ForeignVersionAndByteOrderAreNamed) {
  const std::string bytes = pilot_bytes();
  EXPECT_EQ(refusal("{\"format\": \"qchain-chain/1\"}"), "not a qchain snapshot (the file does not begin with the QCSR magic)");
  std::string v = bytes;
  put32(v, 8, 3);
  EXPECT_EQ(refusal(v), "snapshot format version 3 is not supported (this qchain reads version 2): pack the chain again");
  std::string o = bytes;
  put32(o, 12, 0x04030201u);
  EXPECT_EQ(refusal(o), "written with the other byte order: pack the chain again on this machine");
  std::string c = bytes;
  c[bytes.size() / 2] ^= 1;
  EXPECT_NE(refusal(c).find("checksum does not match: the file is corrupt"), std::string::npos);
}

// Without checksums (as the fuzz target reads), damaged structure is still refused, never trusted.
TEST(Snapshot, StructureIsCheckedBehindTheChecksums) {
  const std::string bytes = pilot_bytes();
  SnapshotOptions unchecked;
  unchecked.verify_checksums = false;
  std::mt19937 rng(7);
  std::size_t refused = 0;
  for (int k = 0; k < 3000; ++k) {
    std::string bad = bytes;
    for (int j = 0; j < 4; ++j) bad[rng() % bad.size()] = static_cast<char>(rng());
    const ChainLoad load = load_snapshot_bytes(bad, "bad.qcsr", unchecked);
    if (!load.chain) {
      ++refused;
      continue;
    }
    // Accepted: every analysis-facing array is in range.
    const ChainGraph& g = *load.chain;
    for (const SupplyLink& l : g.links()) ASSERT_TRUE(l.supplier < g.firm_count() && l.customer < g.firm_count());
    for (FirmId v = 0; v < g.firm_count(); ++v)
      for (FirmId w : g.suppliers_of(v)) ASSERT_LT(w, g.firm_count());
  }
  EXPECT_GT(refused, 0u);
}

}  // namespace
