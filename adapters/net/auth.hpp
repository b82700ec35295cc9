#pragma once
/// Access tokens and signatures as OneBot implementations send them.

#include <optional>
#include <string>
#include <string_view>

#include "adapters/net/beast.hpp"

namespace adapters::net {

/// The token a request carries: `Authorization: Bearer T` or `Token T` (any case), else the
/// `access_token` query parameter. An empty token ("Bearer ") counts as none.
std::optional<std::string> request_token(request const& req);

/// Why a request was refused: no token where one is required, or a wrong one.
enum class auth_outcome { ok, missing, wrong };
/// Checks a request against the configured token; an empty `expected` accepts everything.
auth_outcome check_token(request const& req, std::string const& expected);
/// 401 for a missing token, 403 for a wrong one.
http::status status_of(auth_outcome outcome);

/// "sha1=<lowercase hex>" of HMAC-SHA1(key, body), as in the `X-Signature` header.
std::string hmac_sha1_signature(std::string_view key, std::string_view body);
/// Compares a received `X-Signature` with the expected one in constant time.
bool signature_matches(std::string_view received, std::string_view key, std::string_view body);

/// Checks an HTTP POST of events. With a `secret`, its `X-Signature` must match. Otherwise, with
/// an access token set, the request must carry that token (header or query) or an `X-Signature`
/// keyed with it (NapCat signs with its token); a request with neither is refused like a
/// WebSocket without its token. `why` says what was wrong, for the log and the response.
auth_outcome check_post(request const& req, std::string const& token, std::string const& secret,
                        std::string* why = nullptr);

/// The path of a request target without its query ("/onebot/v11/ws?access_token=x" → "/onebot/v11/ws").
std::string_view target_path(std::string_view target);
/// A query parameter, percent-decoded; nullopt when absent.
std::optional<std::string> query_param(std::string_view target, std::string_view name);

}  // namespace adapters::net
