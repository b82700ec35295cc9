#pragma once
/// [console] in bot.toml: where the admin console listens and how people sign in.

#include <cstdint>
#include <string>

#include "bot/config_file.hpp"
#include "bot/config_schema.hpp"

namespace web {

struct settings {
    bool enabled = false;
    std::string host = "127.0.0.1";
    std::int64_t port = 5140;
    /// A password for the console as a libsodium/Argon2id hash (`qunbot hash-password`); empty:
    /// sign-in by one-time link only. Required when `host` is not a loopback address.
    std::string password_hash;
    /// The address people open, when it is not http://host:port (a reverse proxy, a tunnel).
    std::string public_url;
    std::int64_t link_minutes = 10;
    std::int64_t session_hours = 12;
    /// The bearer token `/metrics` needs when the console listens beyond loopback.
    std::string metrics_token;

    static void describe(bot::schema<settings>& s);
    /// Reads and checks [console]; problems are reported to `file` with their line.
    static settings read(bot::config_file& file);
    /// The base of the console's links: public_url, else http://host:port (port as bound).
    std::string base_url(unsigned short bound_port) const;
};

/// True for 127.0.0.0/8, ::1 and "localhost": only this machine can connect.
bool is_loopback(std::string const& host);

/// A password hash in the stored form (Argon2id, libsodium's crypto_pwhash_str): for
/// `qunbot hash-password`. Throws std::runtime_error when the machine lacks the memory.
std::string hash_password(std::string const& password);
/// Whether `password` matches a stored hash (constant time, as libsodium compares).
bool password_matches(std::string const& stored_hash, std::string const& password);

}  // namespace web
