#include "adapters/onebot11/decoders/fields.hpp"

#include "adapters/net/diagnostics.hpp"

#include "adapters/onebot11/ids.hpp"

namespace adapters::onebot11::decoders {

using net::json_kind;
using net::quoted;

bot::id need_id(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) throw malformed("missing " + quoted(key));
    auto v = id_from_json(*it);
    if (!v) throw malformed(quoted(key) + " is " + json_kind(*it) + ", not a number or string ID");
    return std::move(*v);
}

bot::id opt_id(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    return need_id(j, key);
}

std::string opt_string(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();
    throw malformed(quoted(key) + " is " + json_kind(*it) + ", not a string");
}

std::string need_string(json const& j, char const* key) {
    if (!j.contains(key) || j.at(key).is_null()) throw malformed("missing " + quoted(key));
    return opt_string(j, key);
}

std::optional<std::int64_t> opt_int(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (auto v = id_from_json(*it)) {
        if (auto n = v->to_int()) return n;
    }
    throw malformed(quoted(key) + " is not an integer");
}

bot::time_point unix_time(std::int64_t value) {
    if (value > 1'000'000'000'000) value /= 1000;
    return bot::time_point{std::chrono::seconds{value}};
}

bot::time_point need_time(json const& j) {
    auto it = j.find("time");
    if (it == j.end() || it->is_null()) throw malformed("missing \"time\"");
    if (!it->is_number_integer()) throw malformed("\"time\" is " + json_kind(*it) + ", not an integer");
    return unix_time(opt_int(j, "time").value_or(0));
}

bool same_account(bot::id const& a, bot::id const& b) {
    return !a.empty() && a.str() == b.str();
}

bot::sender read_sender(json const& j) {
    bot::sender s;
    s.user = need_id(j, "user_id");
    auto it = j.find("sender");
    if (it == j.end() || !it->is_object()) return s;  // best-effort in every implementation
    // Lenient: an odd sender field costs its value, not the message.
    auto text = [&](char const* key) {
        auto f = it->find(key);
        return f != it->end() && f->is_string() ? f->get<std::string>() : std::string();
    };
    s.nickname = text("nickname");
    s.card = text("card");
    auto role = text("role");
    if (role == "owner") s.role = bot::role::owner;
    if (role == "admin") s.role = bot::role::admin;
    return s;
}

}  // namespace adapters::onebot11::decoders
