#pragma once
/// Field-by-field equality of decoded message events, for holding the fast reader to the full
/// decoder (the adapter tests and the v11 frame fuzzer). Only what the fast reader produces.

#include <variant>

#include "bot/event.hpp"
#include "bot/message.hpp"

namespace testing::onebot11 {

namespace seg = bot::seg;

// Every field of the segment kinds the fast reader produces (message's operator== compares fewer).
inline bool same_segment(bot::segment const& x, bot::segment const& y) {
    if (x.index() != y.index()) return false;
    if (auto a = std::get_if<seg::text>(&x)) return a->content == std::get<seg::text>(y).content;
    if (auto a = std::get_if<seg::at>(&x)) return a->user == std::get<seg::at>(y).user && a->name == std::get<seg::at>(y).name;
    if (std::holds_alternative<seg::at_all>(x)) return true;
    if (auto a = std::get_if<seg::reply>(&x)) return a->message == std::get<seg::reply>(y).message;
    if (auto a = std::get_if<seg::face>(&x)) return a->face_id == std::get<seg::face>(y).face_id;
    if (auto a = std::get_if<seg::image>(&x)) {
        auto const& b = std::get<seg::image>(y);
        return a->url == b.url && a->file == b.file && a->summary == b.summary;
    }
    return false;  // a kind the fast reader never makes
}

inline bool same_message(bot::message const& a, bot::message const& b) {
    if (a.segments().size() != b.segments().size()) return false;
    for (std::size_t i = 0; i < a.segments().size(); ++i)
        if (!same_segment(a.segments()[i], b.segments()[i])) return false;
    return true;
}

inline bool same_sender(bot::sender const& a, bot::sender const& b) {
    return a.user == b.user && a.nickname == b.nickname && a.card == b.card && a.role == b.role;
}

inline bool same_event(bot::event const& a, bot::event const& b) {
    if (a.platform != b.platform || a.self_id != b.self_id || a.time != b.time) return false;
    if (auto x = a.as<bot::ev::group_message>()) {
        auto y = b.as<bot::ev::group_message>();
        return y && x->message_id == y->message_id && x->group == y->group && same_sender(x->from, y->from) &&
               same_message(x->content, y->content) && x->anonymous == y->anonymous && x->seq == y->seq;
    }
    if (auto x = a.as<bot::ev::private_message>()) {
        auto y = b.as<bot::ev::private_message>();
        return y && x->message_id == y->message_id && x->group == y->group && same_sender(x->from, y->from) &&
               same_message(x->content, y->content);
    }
    return false;
}

}  // namespace testing::onebot11
