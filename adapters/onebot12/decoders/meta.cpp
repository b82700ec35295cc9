#include "adapters/onebot12/decoders/decoders.hpp"

namespace adapters::onebot12::decoders {

using phase = bot::ev::lifecycle::phase;

namespace {

decoded meta_of(frame const& f, decoded::meta_kind what, std::optional<bot::ev::lifecycle> payload) {
    decoded d;
    d.what = decoded::kind::meta;
    d.meta = what;
    if (payload) d.event = f.make(*payload);
    return d;
}

std::string text(json const& obj, char const* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// status.bots: [{self: {platform, user_id}, online}]; every entry must name its account.
std::vector<bot_status> read_bots(json const& status) {
    std::vector<bot_status> out;
    auto bots = status.find("bots");
    if (bots == status.end() || bots->is_null()) return out;
    if (!bots->is_array()) throw malformed("\"status.bots\" is not an array");
    for (std::size_t i = 0; i < bots->size(); ++i) {
        auto const& b = (*bots)[i];
        auto where = "\"status.bots[" + std::to_string(i) + "]\"";
        if (!b.is_object()) throw malformed(where + " is not an object");
        bot_status s;
        try {
            s.self = need_self(b);
        } catch (malformed const& e) {
            throw malformed(where + ": " + e.what());
        }
        auto online = b.find("online");
        s.online = online != b.end() && online->is_boolean() && online->get<bool>();
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

decoded connect(frame const& f) {
    auto d = meta_of(f, decoded::meta_kind::connect, bot::ev::lifecycle{phase::connected});
    impl_version v;
    if (auto it = f.j.find("version"); it != f.j.end() && !it->is_null()) {
        if (!it->is_object()) throw malformed("\"version\" is not an object");
        v = {text(*it, "impl"), text(*it, "version"), text(*it, "onebot_version")};
    }
    d.version = std::move(v);
    return d;
}

decoded heartbeat(frame const& f) {
    auto d = meta_of(f, decoded::meta_kind::heartbeat, bot::ev::lifecycle{phase::heartbeat});
    if (auto ms = opt_int(f.j, "interval"); ms && *ms > 0) d.heartbeat_interval = std::chrono::milliseconds{*ms};
    // Some implementations attach their status to the heartbeat; use its bots when it lists them.
    if (auto it = f.j.find("status"); it != f.j.end() && it->is_object()) d.bots = read_bots(*it);
    return d;
}

decoded status_update(frame const& f) {
    auto d = meta_of(f, decoded::meta_kind::status_update, std::nullopt);
    auto it = f.j.find("status");
    if (it == f.j.end() || it->is_null()) throw malformed("missing \"status\"");
    if (!it->is_object()) throw malformed("\"status\" is not an object");
    d.bots = read_bots(*it);
    return d;
}

}  // namespace adapters::onebot12::decoders
