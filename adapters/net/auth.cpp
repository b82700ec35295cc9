#include "adapters/net/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>

#include "bot/utf8.hpp"

namespace adapters::net {

namespace {

using bot::iequals_ascii;
using bot::trim;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else if (s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

auth_outcome check_post(request const& req, std::string const& token, std::string const& secret,
                        std::string* why) {
    auto say = [why](std::string text) {
        if (why) *why = std::move(text);
    };
    auto const& body = req.body();
    std::string_view signature;
    auto it = req.find("X-Signature");
    if (it != req.end()) signature = trim(std::string_view(it->value().data(), it->value().size()));
    if (!secret.empty()) {
        if (signature.empty()) {
            say("no X-Signature");
            return auth_outcome::missing;
        }
        if (!signature_matches(signature, secret, body)) {
            say("wrong X-Signature");
            return auth_outcome::wrong;
        }
    }
    if (token.empty()) return auth_outcome::ok;
    // A token that is sent must be right, whatever else the request carries.
    if (request_token(req)) {
        auto outcome = check_token(req, token);
        if (outcome != auth_outcome::ok) say("wrong access token");
        return outcome;
    }
    if (!secret.empty()) return auth_outcome::ok;
    if (!signature.empty()) {
        if (signature_matches(signature, token, body)) return auth_outcome::ok;
        say("X-Signature not made with the access token");
        return auth_outcome::wrong;
    }
    say("no access token (Authorization: Bearer …, ?access_token= or an X-Signature keyed with it)");
    return auth_outcome::missing;
}

std::string_view target_path(std::string_view target) {
    auto q = target.find('?');
    return q == std::string_view::npos ? target : target.substr(0, q);
}

std::optional<std::string> query_param(std::string_view target, std::string_view name) {
    auto q = target.find('?');
    if (q == std::string_view::npos) return std::nullopt;
    auto query = target.substr(q + 1);
    while (!query.empty()) {
        auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        auto eq = pair.find('=');
        auto key = pair.substr(0, eq);
        if (key == name) return percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return std::nullopt;
}

std::optional<std::string> request_token(request const& req) {
    auto header = req.find(http::field::authorization);
    if (header != req.end()) {
        auto value = trim(std::string_view(header->value().data(), header->value().size()));
        auto space = value.find(' ');
        auto scheme = value.substr(0, space);
        if (iequals_ascii(scheme, "Bearer") || iequals_ascii(scheme, "Token")) {
            auto token = space == std::string_view::npos ? std::string_view{} : trim(value.substr(space + 1));
            if (!token.empty()) return std::string(token);
        }
    }
    auto target = std::string_view(req.target().data(), req.target().size());
    if (auto token = query_param(target, "access_token"); token && !token->empty()) return token;
    return std::nullopt;
}

auth_outcome check_token(request const& req, std::string const& expected) {
    if (expected.empty()) return auth_outcome::ok;
    auto token = request_token(req);
    if (!token) return auth_outcome::missing;
    bool same = token->size() == expected.size() && CRYPTO_memcmp(token->data(), expected.data(), expected.size()) == 0;
    return same ? auth_outcome::ok : auth_outcome::wrong;
}

http::status status_of(auth_outcome outcome) {
    return outcome == auth_outcome::missing ? http::status::unauthorized : http::status::forbidden;
}

std::string hmac_sha1_signature(std::string_view key, std::string_view body) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), reinterpret_cast<unsigned char const*>(body.data()),
         body.size(), digest.data(), &length);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "sha1=";
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

bool signature_matches(std::string_view received, std::string_view key, std::string_view body) {
    auto expected = hmac_sha1_signature(key, body);
    auto lowered = bot::lower_ascii(trim(received));
    return lowered.size() == expected.size() && CRYPTO_memcmp(lowered.data(), expected.data(), expected.size()) == 0;
}

}  // namespace adapters::net
