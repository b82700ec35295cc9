#include "web/settings.hpp"

#include <sodium.h>

#include <stdexcept>

namespace web {

namespace {

std::optional<bot::expectation> hash_shape(std::string const& h) {
    if (h.empty() || h.rfind("$argon2id$", 0) == 0 || h.rfind("$argon2i$", 0) == 0) return std::nullopt;
    return bot::expect::english_only("an Argon2 hash as `qunbot hash-password` prints it (\"$argon2id$...\"), never the password itself");
}

std::optional<bot::expectation> url_shape(std::string const& u) {
    if (u.empty() || u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0) return std::nullopt;
    return bot::expect::english_only("an address starting with http:// or https://");
}

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

void settings::describe(bot::schema<settings>& s) {
    s.field("enabled", &settings::enabled, "serve the admin console").global_only();
    s.field("host", &settings::host, "the address to listen on; anything but loopback needs password_hash")
        .global_only();
    s.range("port", &settings::port, 0, 65535, "the port to listen on (0: any free port)");
    s.field("password_hash", &settings::password_hash, "an optional password, as `qunbot hash-password` prints its hash")
        .secret()
        .check(&settings::password_hash, hash_shape);
    s.field("public_url", &settings::public_url, "the address people open, when not http://host:port")
        .check(&settings::public_url, url_shape);
    s.range("link_minutes", &settings::link_minutes, 1, 60, "how long a sign-in link works");
    s.range("session_hours", &settings::session_hours, 1, 24 * 30, "how long a sign-in lasts");
    s.field("metrics_token", &settings::metrics_token, "the token /metrics needs beyond loopback").secret();
}

settings settings::read(bot::config_file& file) {
    auto out = file.read<settings>("console", {"texts"});
    auto const* top = file.section("console");
    if (out.enabled && !is_loopback(out.host) && out.password_hash.empty()) {
        auto const* host = file.section("console.host");
        file.report(bot::config_error(host ? host->pos : top ? top->pos : bot::source_pos{file.name()}, "console.host",
                                      "a console reachable from other machines (host \"" + out.host +
                                          "\") needs a password: set password_hash (run `qunbot hash-password`), "
                                          "or keep host = \"127.0.0.1\" and reach it through an SSH tunnel"));
    }
    return out;
}

std::string settings::base_url(unsigned short bound_port) const {
    if (!public_url.empty()) {
        auto u = public_url;
        while (!u.empty() && u.back() == '/') u.pop_back();
        return u;
    }
    auto h = host == "0.0.0.0" || host == "::" ? std::string("127.0.0.1") : host;
    if (h.find(':') != std::string::npos) h = "[" + h + "]";
    return "http://" + h + ":" + std::to_string(bound_port);
}

bool is_loopback(std::string const& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string hash_password(std::string const& password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("not enough memory to hash the password");
    return out;
}

bool password_matches(std::string const& stored_hash, std::string const& password) {
    init_sodium();
    if (stored_hash.empty()) return false;
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace web
