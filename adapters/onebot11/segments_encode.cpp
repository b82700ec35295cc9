#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "adapters/net/calls.hpp"
#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"
#include "bot/overloaded.hpp"

namespace adapters::onebot11 {

using nlohmann::json;
namespace seg = bot::seg;
using bot::overloaded;

namespace {

// Writes one segment as dump_frame would write its JSON tree: {"data":{...},"type":"..."}, the
// keys of each object in sorted order. `fields` are (key, value) pairs, already sorted; an ID
// parameter is written as a string, as the spec types it.
using field = std::pair<std::string_view, std::string_view>;

void write(std::string& out, std::string_view type, std::initializer_list<field> fields) {
    out += R"({"data":{)";
    bool first = true;
    for (auto const& [key, value] : fields) {
        if (!first) out += ',';
        first = false;
        net::append_json_string(out, key);
        out += ':';
        net::append_json_string(out, value);
    }
    out += R"(},"type":)";
    net::append_json_string(out, type);
    out += '}';
}

// A card we received goes back as it came (a plugin forwarding it chose to); the implementation
// may still refuse a signed ark, which the send result reports. A card a plugin built from fields
// is sent as a link share, the only card v11 can build from a title and a URL.
bool card(std::string& out, seg::card const& c) {
    static constexpr std::string_view resendable[] = {"json", "xml", "share", "music", "miniapp"};
    auto raw = net::parse_json(c.raw).value;
    if (raw.is_object() && raw.contains("data")) {
        auto type = raw.value("type", std::string());
        if (std::find(std::begin(resendable), std::end(resendable), type) != std::end(resendable)) {
            out += net::dump_frame(raw);
            return true;
        }
    }
    if (c.url.empty()) return false;
    auto const& title = c.title.empty() ? c.url : c.title;
    if (c.content.empty())
        write(out, "share", {{"title", title}, {"url", c.url}});
    else
        write(out, "share", {{"content", c.content}, {"title", title}, {"url", c.url}});
    return true;
}

// Appends `segment` to `out`; false (and nothing written) when it cannot be sent on v11.
bool write_segment(std::string& out, bot::segment const& segment) {
    return std::visit(
        overloaded{
            [&](seg::text const& t) {
                if (t.content.empty()) return false;
                write(out, "text", {{"text", t.content}});
                return true;
            },
            [&](seg::at const& a) {
                if (a.user.empty()) return false;
                auto qq = id_to_param(a.user);
                // `name` is used by the implementation when the user has left the group.
                if (a.name.empty())
                    write(out, "at", {{"qq", qq}});
                else
                    write(out, "at", {{"name", a.name}, {"qq", qq}});
                return true;
            },
            [&](seg::at_all const&) {
                write(out, "at", {{"qq", "all"}});
                return true;
            },
            [&](seg::reply const& r) {
                if (r.message.empty()) return false;
                write(out, "reply", {{"id", id_to_param(r.message)}});
                return true;
            },
            [&](seg::image const& i) {
                auto const& file = i.url.empty() ? i.file : i.url;
                if (file.empty()) return false;
                if (i.summary.empty())
                    write(out, "image", {{"file", file}});
                else
                    write(out, "image", {{"file", file}, {"summary", i.summary}});
                return true;
            },
            [&](seg::face const& f) {
                if (f.face_id.empty()) return false;
                write(out, "face", {{"id", f.face_id}});
                return true;
            },
            [&](seg::card const& c) { return card(out, c); },
            [&](seg::contact const& c) {
                if (c.target.empty()) return false;
                write(out, "contact", {{"id", id_to_param(c.target)}, {"type", c.kind == "group" ? "group" : "qq"}});
                return true;
            },
            [&](seg::file const& f) {
                if (f.url.empty()) return false;
                if (f.name.empty())
                    write(out, "file", {{"file", f.url}});
                else
                    write(out, "file", {{"file", f.url}, {"name", f.name}});
                return true;
            },
            // A received forward ID cannot be re-sent as a segment; v11 forwards go through
            // send_*_forward_msg nodes.
            [](seg::forward const&) { return false; },
            // Unknown segments are dropped, never sent back raw: what we received is receive-shaped
            // (file handles local to the implementation, receive-only keys), and implementations
            // such as NapCat refuse the whole message over one bad segment. Losing a sticker beats
            // losing the moderation notice it was attached to.
            [](seg::unknown const&) { return false; },
        },
        segment);
}

}  // namespace

std::optional<json> encode_segment(bot::segment const& segment) {
    std::string out;
    if (!write_segment(out, segment)) return std::nullopt;
    return json::parse(out);
}

std::string write_message(bot::message const& message) {
    // The spec wants replies first: they are written, then the rest.
    std::string out = "[";
    auto pass = [&](bool replies) {
        for (auto const& s : message.segments()) {
            if (std::holds_alternative<seg::reply>(s) != replies) continue;
            auto mark = out.size();
            if (mark > 1) out += ',';
            if (!write_segment(out, s)) {
                out.resize(mark);
                spdlog::debug("onebot11: dropped a {} segment that v11 cannot send", bot::segment_type(s));
            }
        }
    };
    pass(true);
    pass(false);
    out += ']';
    return out;
}

json encode_message(bot::message const& message) {
    return json::parse(write_message(message));
}

}  // namespace adapters::onebot11
