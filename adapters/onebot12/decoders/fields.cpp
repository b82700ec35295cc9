#include "adapters/onebot12/decoders/fields.hpp"

#include "adapters/net/diagnostics.hpp"

#include <cmath>

#include "adapters/onebot12/ids.hpp"

namespace adapters::onebot12::decoders {

using net::json_kind;
using net::quoted;

bot::id need_id(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) throw malformed("missing " + quoted(key));
    auto v = id_from_json(*it);
    if (!v) throw malformed(quoted(key) + " is " + json_kind(*it) + ", not a string ID");
    if (v->str().empty()) throw malformed(quoted(key) + " is empty");
    return std::move(*v);
}

bot::id opt_id(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null() || (it->is_string() && it->get_ref<std::string const&>().empty())) return {};
    return need_id(j, key);
}

std::string opt_string(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();
    throw malformed(quoted(key) + " is " + json_kind(*it) + ", not a string");
}

namespace {

// A float truncated to an integer, or nullopt beyond int64 (1e300, inf), where the cast is undefined.
std::optional<std::int64_t> truncated(double v) {
    constexpr double two_pow_63 = 9223372036854775808.0;
    if (!(v >= -two_pow_63 && v < two_pow_63)) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

}  // namespace

std::optional<std::int64_t> opt_int(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_number_float()) {
        if (auto v = truncated(it->get<double>())) return v;
        throw malformed(quoted(key) + " is out of range");
    }
    throw malformed(quoted(key) + " is " + json_kind(*it) + ", not an integer");
}

bot::time_point need_time(json const& j) {
    auto it = j.find("time");
    if (it == j.end() || it->is_null()) throw malformed("missing \"time\"");
    if (!it->is_number()) throw malformed("\"time\" is " + json_kind(*it) + ", not a number of seconds");
    auto seconds = it->get<double>();
    if (!std::isfinite(seconds) || seconds < 0) throw malformed("\"time\" is not a valid timestamp");
    if (seconds > 1e12) seconds /= 1000;  // milliseconds from a lax implementation
    auto whole = truncated(seconds);
    if (!whole) throw malformed("\"time\" is not a valid timestamp");
    return bot::time_point{std::chrono::seconds{*whole}};
}

self_ref need_self(json const& j) {
    auto it = j.find("self");
    if (it == j.end() || it->is_null()) throw malformed("missing \"self\"");
    if (!it->is_object()) throw malformed("\"self\" is " + json_kind(*it) + ", not an object");
    self_ref s;
    auto platform = it->find("platform");
    if (platform == it->end() || !platform->is_string() || platform->get_ref<std::string const&>().empty())
        throw malformed("\"self\" has no string \"platform\"");
    s.platform = platform->get<std::string>();
    try {
        s.user = need_id(*it, "user_id");
    } catch (malformed const& e) {
        throw malformed(std::string("\"self\": ") + e.what());
    }
    return s;
}

bool is_self(self_ref const& self, bot::id const& user) {
    return !user.empty() && user.str() == self.user.str();
}

}  // namespace adapters::onebot12::decoders
