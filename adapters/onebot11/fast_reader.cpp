#include "adapters/onebot11/fast_reader.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include <simdjson.h>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/decoders/fields.hpp"
#include "adapters/onebot11/ids.hpp"

namespace adapters::onebot11 {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;
namespace seg = bot::seg;

// Each reader returns false (or nullopt) to decline: the frame then goes through decode_frame,
// which either reads it the same way or says what is wrong with it.

// The fields named in `keys`, each found once; false when one of them appears twice (the full
// decoder keeps the last of duplicate keys, this reader does not guess).
template <std::size_t N>
bool pick(object o, std::array<std::string_view, N> const& keys, std::array<std::optional<element>, N>& out) {
    for (auto field : o) {
        for (std::size_t i = 0; i < N; ++i) {
            if (field.key != keys[i]) continue;
            if (out[i]) return false;
            out[i] = field.value;
            break;
        }
    }
    return true;
}

bool absent(std::optional<element> const& e) {
    return !e || e->type() == element_type::NULL_VALUE;
}

// What id_from_json reads: an integer (unsigned past INT64_MAX) or a string.
std::optional<bot::id> id_of(element e) {
    switch (e.type()) {
        case element_type::INT64: return bot::id(e.get_int64().value_unsafe());
        case element_type::UINT64: return bot::id::from_unsigned(e.get_uint64().value_unsafe());
        case element_type::STRING: return bot::id(std::string(e.get_string().value_unsafe()));
        default: return std::nullopt;
    }
}

// A required ID (need_id); nullopt when missing or of another type.
std::optional<bot::id> need_id(std::optional<element> const& e) {
    if (absent(e)) return std::nullopt;
    return id_of(*e);
}

// A string that may be absent or null (opt_string without its number case).
bool opt_text(std::optional<element> const& e, std::string& out) {
    if (absent(e)) return true;
    if (e->type() != element_type::STRING) return false;
    out = std::string(e->get_string().value_unsafe());
    return true;
}

// A segment value as text (segments_decode's text_of): a string, or an integer's digits.
std::optional<std::string> data_text(std::optional<element> const& e) {
    if (!e) return std::nullopt;
    switch (e->type()) {
        case element_type::STRING: return std::string(e->get_string().value_unsafe());
        case element_type::INT64: return std::to_string(e->get_int64().value_unsafe());
        case element_type::UINT64: return std::to_string(e->get_uint64().value_unsafe());
        default: return std::nullopt;
    }
}

// A segment parameter naming a user or message (id_from_param).
std::optional<bot::id> param_of(std::optional<element> const& e) {
    if (!e) return std::nullopt;
    auto v = id_of(*e);
    if (!v) return std::nullopt;
    return param_id(std::move(*v));
}

// One segment of the kinds nearly every message is made of; anything else declines.
std::optional<bot::segment> segment_of(element e) {
    object s;
    if (e.get_object().get(s)) return std::nullopt;
    std::array<std::optional<element>, 2> f;
    if (!pick(s, std::array<std::string_view, 2>{"type", "data"}, f) || !f[0] || !f[1]) return std::nullopt;
    std::string_view type;
    object data;
    if (f[0]->get_string().get(type) || f[1]->get_object().get(data)) return std::nullopt;
    std::array<std::optional<element>, 5> d;
    if (!pick(data, std::array<std::string_view, 5>{"text", "qq", "name", "id", "url"}, d)) return std::nullopt;
    auto& [text, qq, name, id, url] = d;
    if (type == "text") {
        auto t = data_text(text);
        if (!t) return std::nullopt;
        return seg::text{std::move(*t)};
    }
    if (type == "at") {
        std::string_view who;
        if (qq && !qq->get_string().get(who) && who == "all") return seg::at_all{};
        auto user = param_of(qq);
        if (!user) return std::nullopt;
        return seg::at{std::move(*user), data_text(name).value_or("")};
    }
    if (type == "reply") {
        auto message = param_of(id);
        if (!message) return std::nullopt;
        return seg::reply{std::move(*message)};
    }
    if (type == "face") {
        auto face = data_text(id);
        if (!face) return std::nullopt;
        return seg::face{std::move(*face)};
    }
    if (type == "image") {
        std::array<std::optional<element>, 2> more;
        if (!pick(data, std::array<std::string_view, 2>{"file", "summary"}, more)) return std::nullopt;
        return seg::image{data_text(url).value_or(""), data_text(more[0]).value_or(""), data_text(more[1]).value_or("")};
    }
    return std::nullopt;
}

std::optional<bot::message> message_of(std::optional<element> const& e) {
    simdjson::dom::array list;
    if (!e || e->get_array().get(list)) return std::nullopt;  // a CQ string or one bare segment
    bot::message out;
    for (auto item : list) {
        auto s = segment_of(item);
        if (!s) return std::nullopt;
        out.add(std::move(*s));
    }
    return out;
}

// read_sender: the user is required; an odd field of `sender` costs its value, not the message.
std::optional<bot::sender> sender_of(std::optional<element> const& user, std::optional<element> const& sender) {
    auto id = need_id(user);
    if (!id) return std::nullopt;
    bot::sender s;
    s.user = std::move(*id);
    object o;
    if (!sender || sender->get_object().get(o)) return s;
    std::array<std::optional<element>, 3> f;
    if (!pick(o, std::array<std::string_view, 3>{"nickname", "card", "role"}, f)) return std::nullopt;
    auto text = [](std::optional<element> const& e) {
        std::string_view v;
        return e && !e->get_string().get(v) ? std::string(v) : std::string();
    };
    s.nickname = text(f[0]);
    s.card = text(f[1]);
    auto role = text(f[2]);
    if (role == "owner") s.role = bot::role::owner;
    if (role == "admin") s.role = bot::role::admin;
    return s;
}

enum field : std::size_t {
    post_type,
    message_type,
    self_id,
    time,
    message_id,
    group_id,
    user_id,
    sender,
    message,
    anonymous,
    sub_type,
    message_sent_type,
    real_seq,
    field_count
};

constexpr std::array<std::string_view, field_count> field_names{
    "post_type", "message_type", "self_id",   "time",     "message_id",        "group_id", "user_id",
    "sender",    "message",      "anonymous", "sub_type", "message_sent_type", "real_seq",
};

std::optional<decoded> message_frame(object root) {
    std::array<std::optional<element>, field_count> f;
    if (!pick(root, field_names, f)) return std::nullopt;
    std::string_view post, kind;
    if (!f[post_type] || f[post_type]->get_string().get(post) || post != "message") return std::nullopt;
    if (!f[message_type] || f[message_type]->get_string().get(kind)) return std::nullopt;
    bool group = kind == "group";
    if (!group && kind != "private") return std::nullopt;
    auto self = need_id(f[self_id]);
    std::int64_t seconds = 0;
    if (!self || !f[time] || f[time]->type() != element_type::INT64) return std::nullopt;
    seconds = f[time]->get_int64().value_unsafe();
    auto id = need_id(f[message_id]);
    auto from = sender_of(f[user_id], f[sender]);
    auto content = message_of(f[message]);
    std::string sub, sent_type;
    if (!id || !from || !content || !opt_text(f[sub_type], sub) || !opt_text(f[message_sent_type], sent_type))
        return std::nullopt;
    if (sub == "anonymous" || (f[anonymous] && f[anonymous]->type() == element_type::OBJECT)) return std::nullopt;
    bool own = sent_type == "self" || decoders::same_account(from->user, *self);
    // A group message needs its group; a private one may name the group a temporary chat came from.
    std::optional<bot::id> in;
    if (group || !absent(f[group_id])) {
        in = need_id(f[group_id]);
        if (!in) return std::nullopt;
    }
    // As decoders::frame::make: the adapter sets the platform it was configured with.
    auto made = [&](auto m) {
        m.message_id = std::move(*id);
        m.from = std::move(*from);
        m.content = std::move(*content);
        if (in) m.group = std::move(*in);
        return decoded::of(bot::event{"qq", *self, decoders::unix_time(seconds), std::move(m)}, own);
    };
    if (!group) return made(bot::ev::private_message{});
    bot::ev::group_message m;
    if (f[real_seq])
        if (auto seq = id_of(*f[real_seq])) m.seq = std::move(*seq);
    return made(std::move(m));
}

}  // namespace

struct fast_reader::impl {
    simdjson::dom::parser parser;
    bool ready = false;
};

fast_reader::fast_reader() : impl_(std::make_unique<impl>()) {
    // The same depth bound as parse_json; a deeper frame fails here and is refused there.
    impl_->ready = !impl_->parser.allocate(4096, net::max_json_depth);
}

fast_reader::~fast_reader() = default;

std::optional<decoded> fast_reader::read(std::string_view text) {
    if (!impl_->ready || text.size() > max_bytes) return std::nullopt;
    element root;
    object o;
    // Invalid UTF-8, lone surrogates and raw control characters fail here: parse_json repairs them.
    if (impl_->parser.parse(text.data(), text.size()).get(root) || root.get_object().get(o)) return std::nullopt;
    return message_frame(o);
}

}  // namespace adapters::onebot11
