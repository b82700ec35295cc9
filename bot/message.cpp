#include "bot/message.hpp"

#include "bot/display.hpp"
#include "bot/overloaded.hpp"

namespace bot {

std::string_view segment_type(segment const& s) {
    return std::visit(overloaded{
                          [](seg::text const&) { return std::string_view("text"); },
                          [](seg::at const&) { return std::string_view("at"); },
                          [](seg::at_all const&) { return std::string_view("at_all"); },
                          [](seg::reply const&) { return std::string_view("reply"); },
                          [](seg::image const&) { return std::string_view("image"); },
                          [](seg::face const&) { return std::string_view("face"); },
                          [](seg::card const&) { return std::string_view("card"); },
                          [](seg::contact const&) { return std::string_view("contact"); },
                          [](seg::file const&) { return std::string_view("file"); },
                          [](seg::forward const&) { return std::string_view("forward"); },
                          [](seg::unknown const& u) { return std::string_view(u.type); },
                      },
                      s);
}

message::message(std::string text) {
    if (!text.empty()) segments_.emplace_back(seg::text{std::move(text)});
}

message::message(char const* text) : message(std::string(text)) {}

message& message::text(std::string_view t) {
    if (t.empty()) return *this;
    if (!segments_.empty()) {
        if (auto last = std::get_if<seg::text>(&segments_.back())) {
            last->content += t;
            return *this;
        }
    }
    segments_.emplace_back(seg::text{std::string(t)});
    return *this;
}

message& message::at(id user, std::string name) {
    segments_.emplace_back(seg::at{std::move(user), shown_name(name)});
    return *this;
}

message& message::at_all() {
    segments_.emplace_back(seg::at_all{});
    return *this;
}

message& message::reply_to(id message_id) {
    segments_.insert(segments_.begin(), seg::reply{std::move(message_id)});
    return *this;
}

message& message::image(std::string url) {
    segments_.emplace_back(seg::image{std::move(url), {}, {}});
    return *this;
}

message& message::add(segment s) {
    if (auto t = std::get_if<seg::text>(&s)) return text(t->content);
    segments_.push_back(std::move(s));
    return *this;
}

message& message::append(message const& other) {
    for (auto const& s : other.segments_) add(s);
    return *this;
}

std::string message::plain_text() const {
    std::string out;
    for (auto const& s : segments_) {
        if (auto t = std::get_if<seg::text>(&s)) {
            out += t->content;
        } else if (auto a = std::get_if<seg::at>(&s)) {
            out += "@" + (a->name.empty() ? a->user.str() : a->name);
        } else if (std::holds_alternative<seg::at_all>(s)) {
            out += "@全体成员";
        } else if (auto i = std::get_if<seg::image>(&s)) {
            out += i->summary.empty() ? "[图片]" : i->summary;
        }
    }
    return out;
}

std::string message::text_only() const {
    std::string out;
    for (auto const& s : segments_)
        if (auto t = std::get_if<seg::text>(&s)) out += t->content;
    return out;
}

bool message::mentions(id const& user) const {
    for (auto const& s : segments_)
        if (auto a = std::get_if<seg::at>(&s); a && a->user == user) return true;
    return false;
}

bool operator==(seg::text const& a, seg::text const& b) { return a.content == b.content; }

bool operator==(message const& a, message const& b) {
    if (a.segments_.size() != b.segments_.size()) return false;
    for (std::size_t i = 0; i < a.segments_.size(); ++i) {
        auto const& x = a.segments_[i];
        auto const& y = b.segments_[i];
        if (x.index() != y.index()) return false;
        if (segment_type(x) != segment_type(y)) return false;
        if (auto t = std::get_if<seg::text>(&x); t && t->content != std::get<seg::text>(y).content) return false;
        if (auto m = std::get_if<seg::at>(&x); m && m->user != std::get<seg::at>(y).user) return false;
        if (auto r = std::get_if<seg::reply>(&x); r && r->message != std::get<seg::reply>(y).message) return false;
    }
    return true;
}

}  // namespace bot
