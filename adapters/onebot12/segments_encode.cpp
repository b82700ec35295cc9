#include <spdlog/spdlog.h>

#include <algorithm>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot12/ids.hpp"
#include "adapters/onebot12/segments.hpp"
#include "bot/overloaded.hpp"

namespace adapters::onebot12 {

using nlohmann::json;
namespace seg = bot::seg;
using bot::overloaded;

namespace {

json make(std::string_view type, json data) {
    return json{{"type", type}, {"data", std::move(data)}};
}

std::string lookup(uploaded_files const& uploaded, std::string const& url) {
    auto it = url.empty() ? uploaded.end() : uploaded.find(url);
    return it == uploaded.end() ? std::string() : it->second;
}

// The last path component of a URL without its query, for upload_file's `name`.
std::string name_from_url(std::string const& url) {
    auto end = url.find_first_of("?#");
    auto path = url.substr(0, end);
    auto slash = path.find_last_of('/');
    auto name = slash == std::string::npos ? path : path.substr(slash + 1);
    return name.empty() || name.find(':') != std::string::npos ? "file" : name;
}

// A received standard location goes back as it came; a received wx.link too where the
// implementation can send one. A card built from fields becomes a wx.link there, and plain text
// (title and URL) elsewhere: the link reaches the group either way.
std::optional<json> card(seg::card const& c, profile const& impl) {
    auto raw = net::parse_json(c.raw).value;
    if (raw.is_object() && raw.contains("data")) {
        auto type = raw.value("type", std::string());
        if (type == "location" || (type == "wx.link" && impl.send_link_cards)) return raw;
    }
    if (c.url.empty()) return std::nullopt;
    if (impl.send_link_cards) {
        json data{{"title", c.title.empty() ? c.url : c.title}, {"des", c.content}, {"url", c.url}};
        return make("wx.link", std::move(data));
    }
    return make("text", {{"text", c.title.empty() ? c.url : c.title + " " + c.url}});
}

}  // namespace

std::vector<upload> uploads_needed(bot::message const& msg) {
    std::vector<upload> out;
    auto add = [&](std::string const& url, std::string name) {
        if (url.empty()) return;
        if (std::any_of(out.begin(), out.end(), [&](upload const& u) { return u.url == url; })) return;
        out.push_back({url, name.empty() ? name_from_url(url) : std::move(name)});
    };
    for (auto const& s : msg.segments()) {
        if (auto i = std::get_if<seg::image>(&s); i && i->file.empty()) add(i->url, {});
        if (auto f = std::get_if<seg::file>(&s)) add(f->url, f->name);
    }
    return out;
}

std::optional<json> encode_segment(bot::segment const& segment, profile const& impl, uploaded_files const& uploaded) {
    using out = std::optional<json>;
    return std::visit(
        overloaded{
            [](seg::text const& t) -> out {
                if (t.content.empty()) return std::nullopt;
                return make("text", {{"text", t.content}});
            },
            [](seg::at const& a) -> out {
                if (a.user.empty()) return std::nullopt;
                return make("mention", {{"user_id", id_to_json(a.user)}});
            },
            [](seg::at_all const&) -> out { return make("mention_all", json::object()); },
            [&](seg::reply const& r) -> out {
                if (r.message.empty() || !impl.send_reply) return std::nullopt;
                return make("reply", {{"message_id", id_to_json(r.message)}});
            },
            [&](seg::image const& i) -> out {
                // A received image's file_id is reused as is; a URL needs its upload first.
                auto file_id = i.file.empty() ? lookup(uploaded, i.url) : i.file;
                if (file_id.empty()) return std::nullopt;
                return make("image", {{"file_id", file_id}});
            },
            [](seg::face const&) -> out { return std::nullopt; },  // v12 has no face segment
            [&](seg::card const& c) -> out { return card(c, impl); },
            [](seg::contact const&) -> out { return std::nullopt; },
            [&](seg::file const& f) -> out {
                auto file_id = lookup(uploaded, f.url);
                if (file_id.empty()) return std::nullopt;
                return make("file", {{"file_id", file_id}});
            },
            [](seg::forward const&) -> out { return std::nullopt; },
            // Never sent back raw: receive-shaped data gets the whole message refused (10005/10006).
            [](seg::unknown const&) -> out { return std::nullopt; },
        },
        segment);
}

json encode_message(bot::message const& message, profile const& impl, uploaded_files const& uploaded) {
    json out = json::array();
    std::size_t replies = 0;  // a reply goes first
    for (auto const& s : message.segments()) {
        auto encoded = encode_segment(s, impl, uploaded);
        if (!encoded) {
            spdlog::debug("onebot12: dropped a {} segment that {} cannot send", bot::segment_type(s), impl.name);
            continue;
        }
        if (std::holds_alternative<seg::reply>(s))
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(replies++), std::move(*encoded));
        else
            out.push_back(std::move(*encoded));
    }
    return out;
}

}  // namespace adapters::onebot12
