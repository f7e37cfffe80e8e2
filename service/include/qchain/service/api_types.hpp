#pragma once
// The contract between the HTTP server (server/, Beast, sessions, accounts) and the API
// (service/, documents, cache, permissions). Neither side's library types cross it: the server
// turns a Beast request into an ApiRequest after it has checked the session and the CSRF token,
// and an ApiResponse back into a Beast response. Everything under /api/v1/ but login and logout
// is answered by service::Api (service/include/qchain/service/api.hpp).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace qchain::service {

enum class Role : std::uint8_t { viewer, planner, admin };

// Who is asking: the signed-in user, checked by the server. With no account in the workspace the
// server runs on loopback only and every request comes from the local user with the admin role.
struct Identity {
  std::string user;
  Role role = Role::viewer;
  std::vector<std::string> regions;  // a planner writes only chains whose chain.region is listed
};

struct ApiRequest {
  std::string method;                         // GET, POST, PATCH, DELETE
  std::string path;                           // decoded, without the query: /api/v1/chains/anping/summary
  std::map<std::string, std::string> query;   // decoded ?key=value pairs (last one wins)
  std::string content_type;                   // of the body, without parameters
  std::string body;
  std::string lang = "zh";                    // ?lang= or Accept-Language: zh or en
  Identity identity;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;  // errors: {"error": {"message": ..., "location": ...}}
  // When set, the body instead of `body`: a cached document's bytes, shared rather than copied
  // (a 100,000-firm analysis is 57 MB). Only Api::cached answers so.
  std::shared_ptr<const std::string> shared_body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra ones, e.g. Content-Disposition
};

}  // namespace qchain::service
