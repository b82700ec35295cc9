#pragma once
/// A message as a list of typed segments. Text is always text: it never turns into markup.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/id.hpp"

namespace bot {

namespace seg {
/// Plain text, exactly as written.
struct text { std::string content; };
/// An @-mention of one member; `name` is only a display hint.
struct at { id user; std::string name; };
/// An @-mention of everyone in the group.
struct at_all {};
/// A quote of an earlier message.
struct reply { id message; };
/// An image; `url` is fetchable where the platform gives one, `file` is the platform's handle.
struct image { std::string url; std::string file; std::string summary; };
/// A platform emoji / face by its platform id.
struct face { std::string face_id; };
/// A rich card: link share, mini-program, JSON/XML card. `kind` says which ("share", "json", "xml",
/// "miniapp"); `title`/`url`/`content` are what the adapter could extract; `raw` is the original payload.
struct card { std::string kind; std::string title; std::string url; std::string content; std::string raw; };
/// A contact card recommending a user (`kind` "user") or a group (`kind` "group").
struct contact { std::string kind; id target; };
/// A file shared into the chat.
struct file { std::string name; std::string url; std::int64_t size = 0; };
/// A forwarded bundle of messages.
struct forward { id forward_id; };
/// A segment this core has no type for; `raw` is its wire form, for logs and adapters only.
struct unknown { std::string type; std::string raw; };
}  // namespace seg

using segment = std::variant<seg::text, seg::at, seg::at_all, seg::reply, seg::image, seg::face, seg::card,
                             seg::contact, seg::file, seg::forward, seg::unknown>;

/// The name of a segment's type ("text", "at", ...), for logs and rules.
std::string_view segment_type(segment const& s);

/// An ordered list of segments with builder helpers.
class message {
public:
    message() = default;
    message(std::string text);  // NOLINT(google-explicit-constructor): a string is a one-segment message
    message(char const* text);  // NOLINT(google-explicit-constructor)
    explicit message(std::vector<segment> segments) : segments_(std::move(segments)) {}

    message& text(std::string_view t);
    message& at(id user, std::string name = {});
    message& at_all();
    message& reply_to(id message_id);
    message& image(std::string url);
    message& add(segment s);
    message& append(message const& other);

    std::vector<segment> const& segments() const { return segments_; }
    std::vector<segment>& segments() { return segments_; }
    bool empty() const { return segments_.empty(); }

    /// All text segments joined, with mentions as "@name"; what a member would read.
    std::string plain_text() const;
    /// Only the text segments, joined; what text rules match against.
    std::string text_only() const;

    template <typename T>
    bool has() const {
        for (auto const& s : segments_)
            if (std::holds_alternative<T>(s)) return true;
        return false;
    }
    template <typename T>
    T const* first() const {
        for (auto const& s : segments_)
            if (auto p = std::get_if<T>(&s)) return p;
        return nullptr;
    }
    /// True when some @-mention names this user.
    bool mentions(id const& user) const;

    friend bool operator==(message const&, message const&);

private:
    std::vector<segment> segments_;
};

bool operator==(seg::text const&, seg::text const&);

}  // namespace bot
