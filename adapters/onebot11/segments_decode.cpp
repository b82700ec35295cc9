#include <string_view>
#include <unordered_map>

#include "adapters/onebot11/cq_code.hpp"
#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"

namespace adapters::onebot11 {

using nlohmann::json;
namespace seg = bot::seg;

namespace {

// A string or integer value as text; spec values are strings, implementations also send numbers.
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
    return it == data.end() ? std::nullopt : id_from_param(*it);
}

// Each returns nullopt when the data does not fit; the segment is then kept as seg::unknown.
using decoder = std::optional<bot::segment> (*)(json const& segment, json const& data);

std::optional<bot::segment> text(json const&, json const& d) {
    auto t = text_of(d, "text");
    if (!t) return std::nullopt;
    return seg::text{std::move(*t)};
}

std::optional<bot::segment> at(json const&, json const& d) {
    if (d.value("qq", json()) == "all") return seg::at_all{};
    auto user = id_of(d, "qq");
    if (!user) return std::nullopt;
    return seg::at{std::move(*user), text_or_empty(d, "name")};
}

std::optional<bot::segment> reply(json const&, json const& d) {
    auto message = id_of(d, "id");
    if (!message) return std::nullopt;
    return seg::reply{std::move(*message)};
}

std::optional<bot::segment> image(json const&, json const& d) {
    return seg::image{text_or_empty(d, "url"), text_or_empty(d, "file"), text_or_empty(d, "summary")};
}

std::optional<bot::segment> face(json const&, json const& d) {
    auto face_id = text_of(d, "id");
    if (!face_id) return std::nullopt;
    return seg::face{std::move(*face_id)};
}

std::optional<bot::segment> card(json const& s, json const&) {
    return decode_card(s);
}

std::optional<bot::segment> contact(json const&, json const& d) {
    auto kind = text_or_empty(d, "type");
    auto target = id_of(d, "id");
    if (!target || (kind != "qq" && kind != "group")) return std::nullopt;
    return seg::contact{kind == "qq" ? "user" : "group", std::move(*target)};
}

std::optional<bot::segment> file(json const&, json const& d) {
    seg::file f{text_of(d, "name").value_or(text_or_empty(d, "file")), text_or_empty(d, "url"), 0};
    if (auto size = id_of(d, "size"); size && size->is_int()) f.size = size->as_int();
    return f;
}

std::optional<bot::segment> forward(json const&, json const& d) {
    auto forward_id = id_of(d, "id");
    if (!forward_id) return std::nullopt;
    return seg::forward{std::move(*forward_id)};
}

std::unordered_map<std::string_view, decoder> const decoders{
    {"text", text},       {"at", at},     {"reply", reply},     {"image", image},  {"face", face},
    {"json", card},       {"xml", card},  {"share", card},      {"miniapp", card}, {"music", card},
    {"contact", contact}, {"file", file}, {"forward", forward},
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
    return bot::segment{seg::unknown{name, segment.dump(-1, ' ', false, json::error_handler_t::replace)}};
}

bot::result<bot::message> decode_message(json const& message) {
    json parsed;
    json const* list = &message;
    if (message.is_string()) {
        parsed = cq_parse(message.get_ref<std::string const&>());
        list = &parsed;
    } else if (message.is_object()) {
        parsed = json::array({message});
        list = &parsed;
    } else if (!message.is_array()) {
        return bot::error{bot::errc::bad_request, "\"message\" is neither a segment array nor a CQ string"};
    }
    bot::message out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto s = decode_segment((*list)[i]);
        if (!s) return bot::error{bot::errc::bad_request, "segment " + std::to_string(i) + ": " + s.err().detail};
        out.add(std::move(s).value());
    }
    return out;
}

}  // namespace adapters::onebot11
