#include <string_view>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/segments.hpp"

namespace adapters::onebot11 {

using nlohmann::json;

namespace {

std::string str(json const& obj, char const* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// QQ "ark" cards (json, miniapp) keep the visible parts under meta.<anything>: title, desc and one
// of jumpUrl (link shares), qqdocurl (mini-programs) or url.
void from_ark(json const& ark, bot::seg::card& c) {
    if (!ark.is_object()) return;
    if (auto meta = ark.find("meta"); meta != ark.end() && meta->is_object()) {
        for (auto const& [name, item] : meta->items()) {
            if (!item.is_object()) continue;
            c.title = str(item, "title");
            c.content = str(item, "desc");
            for (auto key : {"jumpUrl", "qqdocurl", "url"})
                if (c.url = str(item, key); !c.url.empty()) break;
            break;
        }
    }
    if (c.title.empty()) c.title = str(ark, "prompt");
}

// The value of attribute `name="..."` in an XML card, without a full XML parser.
std::string xml_attribute(std::string_view xml, std::string_view name) {
    auto key = std::string(name) + "=\"";
    auto start = xml.find(key);
    if (start == std::string_view::npos) return {};
    start += key.size();
    auto end = xml.find('"', start);
    return end == std::string_view::npos ? std::string() : std::string(xml.substr(start, end - start));
}

}  // namespace

bot::seg::card decode_card(json const& segment) {
    bot::seg::card c;
    c.kind = str(segment, "type");
    c.raw = segment.dump(-1, ' ', false, json::error_handler_t::replace);
    auto it = segment.find("data");
    if (it == segment.end() || !it->is_object()) return c;
    auto const& data = *it;
    if (c.kind == "json" || c.kind == "miniapp") {
        auto payload = data.find("data");
        if (payload == data.end()) return c;
        // The spec's value is a JSON string; NapCat also reports the object itself.
        from_ark(payload->is_string() ? net::parse_json(payload->get<std::string>()).value : *payload, c);
    } else if (c.kind == "xml") {
        auto xml = str(data, "data");
        c.title = xml_attribute(xml, "brief");
        c.url = xml_attribute(xml, "url");
        c.content = xml;
    } else {  // share, music (custom music carries the same keys)
        c.title = str(data, "title");
        c.url = str(data, "url");
        c.content = str(data, "content");
    }
    return c;
}

}  // namespace adapters::onebot11
