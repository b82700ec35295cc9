#include "adapters/onebot12/decoders/decoders.hpp"
#include "adapters/onebot12/segments.hpp"

namespace adapters::onebot12::decoders {

namespace {

bot::message read_message(json const& j) {
    auto it = j.find("message");
    if (it == j.end() || it->is_null()) throw malformed("missing \"message\"");
    auto m = decode_message(*it);
    if (!m) throw malformed("\"message\": " + m.err().detail);
    return std::move(m).value();
}

// v12 has no `sender` object; some implementations add a display name under an extension key
// ("qq.nickname", "wx.nickname") or as user_name. It is a hint and never fails the frame.
bot::sender read_sender(json const& j) {
    bot::sender s;
    s.user = need_id(j, "user_id");
    for (auto const& [key, value] : j.items()) {
        if (!value.is_string()) continue;
        if (key == "user_name" || key.ends_with(".nickname")) s.nickname = value.get<std::string>();
        if (key.ends_with(".card")) s.card = value.get<std::string>();
    }
    return s;
}

}  // namespace

decoded group_message(frame const& f) {
    bot::ev::group_message m;
    m.message_id = need_id(f.j, "message_id");
    m.group = need_id(f.j, "group_id");
    m.from = read_sender(f.j);
    m.content = read_message(f.j);
    bool own = is_self(f.self, m.from.user);
    return decoded::of(f.make(std::move(m)), own);
}

decoded private_message(frame const& f) {
    bot::ev::private_message m;
    m.message_id = need_id(f.j, "message_id");
    m.from = read_sender(f.j);
    m.content = read_message(f.j);
    bool own = is_self(f.self, m.from.user);
    return decoded::of(f.make(std::move(m)), own);
}

}  // namespace adapters::onebot12::decoders
