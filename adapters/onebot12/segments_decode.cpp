#include <spdlog/spdlog.h>

#include <string_view>
#include <unordered_map>

#include "adapters/onebot12/ids.hpp"
#include "adapters/onebot12/segments.hpp"

namespace adapters::onebot12 {

using nlohmann::json;
namespace seg = bot::seg;

namespace {

std::optional<std::string> text_of(json const& data, char const* key) {
    auto it = data.find(key);
    if (it == data.end()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();
    return std::nullopt;
}

std::string text_or_empty(json const& data, char const* key) {
    return text_of(data, key).value_or("");
}

std::optional<bot::id> id_of(json const& data, char const* key) {
    auto it = data.find(key);
    if (it == data.end()) return std::nullopt;
    auto v = id_from_json(*it);
    if (!v || v->str().empty()) return std::nullopt;
    return v;
}

std::string raw(json const& segment) {
    return segment.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Each returns nullopt when the data does not fit; the segment is then kept as seg::unknown.
using decoder = std::optional<bot::segment> (*)(json const& segment, json const& data);

std::optional<bot::segment> text(json const&, json const& d) {
    auto t = text_of(d, "text");
    if (!t) return std::nullopt;
    return seg::text{std::move(*t)};
}

std::optional<bot::segment> mention(json const&, json const& d) {
    auto user = id_of(d, "user_id");
    if (!user) return std::nullopt;
    return seg::at{std::move(*user), text_or_empty(d, "user_name")};
}

std::optional<bot::segment> mention_all(json const&, json const&) {
    return seg::at_all{};
}

std::optional<bot::segment> reply(json const&, json const& d) {
    auto message = id_of(d, "message_id");
    if (!message) return std::nullopt;
    return seg::reply{std::move(*message)};
}

// file_id is the implementation's handle; some implementations add a fetchable url.
std::optional<bot::segment> image(json const&, json const& d) {
    auto file_id = text_or_empty(d, "file_id");
    auto url = text_or_empty(d, "url");
    if (file_id.empty() && url.empty()) return std::nullopt;
    return seg::image{std::move(url), std::move(file_id), {}};
}

// A WeChat sticker (animated emoji) is a picture, not a platform face with a numeric id.
std::optional<bot::segment> wx_emoji(json const&, json const& d) {
    auto file_id = text_or_empty(d, "file_id");
    if (file_id.empty()) return std::nullopt;
    return seg::image{text_or_empty(d, "url"), std::move(file_id), "[动画表情]"};
}

// seg::file has no handle field: the name falls back to the file_id so the file stays identifiable.
std::optional<bot::segment> file(json const&, json const& d) {
    auto file_id = text_or_empty(d, "file_id");
    auto name = text_or_empty(d, "name");
    if (file_id.empty() && name.empty()) return std::nullopt;
    seg::file f{name.empty() ? file_id : name, text_or_empty(d, "url"), 0};
    if (auto it = d.find("size"); it != d.end() && it->is_number_integer()) f.size = it->get<std::int64_t>();
    return f;
}

std::optional<bot::segment> location(json const& s, json const& d) {
    if (!d.contains("latitude") || !d.contains("longitude")) return std::nullopt;
    return seg::card{"location", text_or_empty(d, "title"), {}, text_or_empty(d, "content"), raw(s)};
}

// wx.link: an article or link share. ComWeChat's keys are title/des/url (older builds wrote "tittle").
std::optional<bot::segment> wx_link(json const& s, json const& d) {
    auto title = text_of(d, "title").value_or(text_or_empty(d, "tittle"));
    auto url = text_or_empty(d, "url");
    if (url.empty() && title.empty()) return std::nullopt;
    return seg::card{"share", std::move(title), std::move(url), text_or_empty(d, "des"), raw(s)};
}

// wx.app: a mini-program card.
std::optional<bot::segment> wx_app(json const& s, json const& d) {
    auto title = text_of(d, "title").value_or(text_or_empty(d, "tittle"));
    return seg::card{"miniapp", std::move(title), text_or_empty(d, "url"), text_or_empty(d, "des"), raw(s)};
}

std::unordered_map<std::string_view, decoder> const decoders{
    {"text", text},         {"mention", mention}, {"mention_all", mention_all}, {"reply", reply},
    {"image", image},       {"file", file},       {"location", location},       {"wx.emoji", wx_emoji},
    {"wx.link", wx_link},   {"wx.app", wx_app},
};

}  // namespace

bot::result<bot::segment> decode_segment(json const& segment) {
    if (!segment.is_object()) return bot::error{bot::errc::bad_request, "segment is not an object"};
    auto type = segment.find("type");
    if (type == segment.end() || !type->is_string())
        return bot::error{bot::errc::bad_request, "segment has no string \"type\""};
    auto name = type->get<std::string>();
    auto data = segment.find("data");
    if (data != segment.end() && data->is_object()) {
        if (auto it = decoders.find(name); it != decoders.end())
            if (auto s = it->second(segment, *data)) return std::move(*s);
    }
    spdlog::debug("onebot12: kept a \"{}\" segment as unknown", name);
    return bot::segment{seg::unknown{name, raw(segment)}};
}

bot::result<bot::message> decode_message(json const& message) {
    json wrapped;
    json const* list = &message;
    if (message.is_string()) {
        wrapped = json::array({json{{"type", "text"}, {"data", {{"text", message}}}}});
        list = &wrapped;
    } else if (message.is_object()) {
        wrapped = json::array({message});
        list = &wrapped;
    } else if (!message.is_array()) {
        return bot::error{bot::errc::bad_request, "\"message\" is not a segment array"};
    }
    bot::message out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto s = decode_segment((*list)[i]);
        if (!s) return bot::error{bot::errc::bad_request, "segment " + std::to_string(i) + ": " + s.err().detail};
        out.add(std::move(s).value());
    }
    return out;
}

}  // namespace adapters::onebot12
