#include "adapters/onebot11/decoders/decoders.hpp"
#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"

namespace adapters::onebot11::decoders {

namespace {

bot::message read_message(json const& j) {
    auto it = j.find("message");
    if (it == j.end() || it->is_null()) throw malformed("missing \"message\"");
    auto m = decode_message(*it);
    if (!m) throw malformed("\"message\": " + m.err().detail);
    return std::move(m).value();
}

// The bot's own message: NapCat and go-cqhttp post it as message_sent (NapCat also sets
// message_sent_type "self"); go-cqhttp posts private self-messages as plain messages from self_id.
bool own(frame const& f, bot::sender const& from) {
    return opt_string(f.j, "post_type") == "message_sent" || opt_string(f.j, "message_sent_type") == "self" ||
           same_account(from.user, f.self_id);
}

}  // namespace

decoded group_message(frame const& f) {
    bot::ev::group_message m;
    m.message_id = need_id(f.j, "message_id");
    m.group = need_id(f.j, "group_id");
    m.from = read_sender(f.j);
    m.content = read_message(f.j);
    // NapCat omits `anonymous`, Lagrange always sends null; only sub_type or an object means anonymous.
    auto anon = f.j.find("anonymous");
    m.anonymous = opt_string(f.j, "sub_type") == "anonymous" || (anon != f.j.end() && anon->is_object());
    if (m.anonymous && anon != f.j.end() && anon->is_object()) {
        auto name = anon->find("name");
        if (name != anon->end() && name->is_string()) m.from.nickname = name->get<std::string>();
    }
    // NapCat's real_seq is the group's own sequence number, the same through every account, which is
    // what tells copies of one message apart across accounts. Its message_seq and real_id are not: they
    // repeat the per-account message_id. An extension field: an odd value costs the field, not the message.
    if (auto it = f.j.find("real_seq"); it != f.j.end())
        if (auto v = id_from_json(*it)) m.seq = std::move(*v);
    bool self = own(f, m.from);
    return decoded::of(f.make(std::move(m)), self);
}

decoded private_message(frame const& f) {
    bot::ev::private_message m;
    m.message_id = need_id(f.j, "message_id");
    m.from = read_sender(f.j);
    m.content = read_message(f.j);
    m.group = opt_id(f.j, "group_id");  // a temporary chat started from a group (NapCat)
    bool self = own(f, m.from);
    return decoded::of(f.make(std::move(m)), self);
}

}  // namespace adapters::onebot11::decoders
