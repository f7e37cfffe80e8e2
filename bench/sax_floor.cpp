// qchain-sax-floor FILE: one RapidJSON SAX pass over FILE with a handler that does nothing — the
// floor under any JSON loader on this machine, against which bench/cli_floor.py states the CLI's
// times. Prints the seconds it took and the number of values seen on stdout.
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace {

// Counting keeps the compiler from discarding the pass; nothing else is done with the values.
struct NullHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NullHandler> {
  unsigned long long values = 0;
  bool Default() {
    ++values;
    return true;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: qchain-sax-floor FILE\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 3;
  }
  // The same stream and buffer size as the chain loader uses.
  std::vector<char> buffer(1 << 20);
  rapidjson::FileReadStream stream(f, buffer.data(), buffer.size());
  NullHandler handler;
  rapidjson::Reader reader;
  const rapidjson::ParseResult ok = reader.Parse(stream, handler);
  std::fclose(f);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!ok) {
    std::fprintf(stderr, "%s: parse error at offset %zu\n", argv[1], ok.Offset());
    return 2;
  }
  std::printf("{\"seconds\": %.4f, \"values\": %llu}\n", seconds, handler.values);
  return 0;
}
