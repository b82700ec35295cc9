#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"
#include "bot/overloaded.hpp"

namespace adapters::onebot11 {

using nlohmann::json;
namespace seg = bot::seg;
using bot::overloaded;

namespace {

json make(std::string_view type, json data) {
    return json{{"type", type}, {"data", std::move(data)}};
}

// A card we received goes back as it came (a plugin forwarding it chose to); the implementation
// may still refuse a signed ark, which the send result reports. A card a plugin built from fields
// is sent as a link share, the only card v11 can build from a title and a URL.
std::optional<json> card(seg::card const& c) {
    static constexpr std::string_view resendable[] = {"json", "xml", "share", "music", "miniapp"};
    auto raw = net::parse_json(c.raw).value;
    if (raw.is_object() && raw.contains("data")) {
        auto type = raw.value("type", std::string());
        if (std::find(std::begin(resendable), std::end(resendable), type) != std::end(resendable)) return raw;
    }
    if (c.url.empty()) return std::nullopt;
    json data{{"url", c.url}, {"title", c.title.empty() ? c.url : c.title}};
    if (!c.content.empty()) data["content"] = c.content;
    return make("share", std::move(data));
}

}  // namespace

std::optional<json> encode_segment(bot::segment const& segment) {
    using out = std::optional<json>;
    return std::visit(
        overloaded{
            [](seg::text const& t) -> out {
                if (t.content.empty()) return std::nullopt;
                return make("text", {{"text", t.content}});
            },
            [](seg::at const& a) -> out {
                if (a.user.empty()) return std::nullopt;
                json data{{"qq", id_to_param(a.user)}};
                if (!a.name.empty()) data["name"] = a.name;  // used by the impl when the user left the group
                return make("at", std::move(data));
            },
            [](seg::at_all const&) -> out {
                return make("at", {{"qq", "all"}});
            },
            [](seg::reply const& r) -> out {
                if (r.message.empty()) return std::nullopt;
                return make("reply", {{"id", id_to_param(r.message)}});
            },
            [](seg::image const& i) -> out {
                auto const& file = i.url.empty() ? i.file : i.url;
                if (file.empty()) return std::nullopt;
                json data{{"file", file}};
                if (!i.summary.empty()) data["summary"] = i.summary;
                return make("image", std::move(data));
            },
            [](seg::face const& f) -> out {
                if (f.face_id.empty()) return std::nullopt;
                return make("face", {{"id", f.face_id}});
            },
            [](seg::card const& c) -> out { return card(c); },
            [](seg::contact const& c) -> out {
                if (c.target.empty()) return std::nullopt;
                return make("contact", {{"type", c.kind == "group" ? "group" : "qq"}, {"id", id_to_param(c.target)}});
            },
            [](seg::file const& f) -> out {
                if (f.url.empty()) return std::nullopt;
                json data{{"file", f.url}};
                if (!f.name.empty()) data["name"] = f.name;
                return make("file", std::move(data));
            },
            // A received forward ID cannot be re-sent as a segment; v11 forwards go through
            // send_*_forward_msg nodes.
            [](seg::forward const&) -> out { return std::nullopt; },
            // Unknown segments are dropped, never sent back raw: what we received is receive-shaped
            // (file handles local to the implementation, receive-only keys), and implementations
            // such as NapCat refuse the whole message over one bad segment. Losing a sticker beats
            // losing the moderation notice it was attached to.
            [](seg::unknown const&) -> out { return std::nullopt; },
        },
        segment);
}

json encode_message(bot::message const& message) {
    json out = json::array();
    std::size_t replies = 0;  // the spec wants a reply first
    for (auto const& s : message.segments()) {
        auto encoded = encode_segment(s);
        if (!encoded) {
            spdlog::debug("onebot11: dropped a {} segment that v11 cannot send", bot::segment_type(s));
            continue;
        }
        if (std::holds_alternative<seg::reply>(s))
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(replies++), std::move(*encoded));
        else
            out.push_back(std::move(*encoded));
    }
    return out;
}

}  // namespace adapters::onebot11
