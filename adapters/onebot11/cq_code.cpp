#include "adapters/onebot11/cq_code.hpp"

#include <algorithm>
#include <optional>

namespace adapters::onebot11 {

using nlohmann::json;

namespace {

// Type names and keys are `\w+` in ASCII, as NapCat matches them; anything else is not a code.
bool is_word(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string escape(std::string_view in, bool comma) {
    std::string out;
    out.reserve(in.size());
    for (char c : in) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '[':
                out += "&#91;";
                break;
            case ']':
                out += "&#93;";
                break;
            case ',':
                out += comma ? "&#44;" : ",";
                break;
            default:
                out += c;
        }
    }
    return out;
}

// The body between "[CQ:" and "]": `type` or `type,k=v,...`; the key ends at the first '='.
std::optional<json> parse_code(std::string_view body) {
    auto comma = body.find(',');
    auto type = body.substr(0, comma);
    if (!is_word(type)) return std::nullopt;
    json data = json::object();
    while (comma != std::string_view::npos) {
        body = body.substr(comma + 1);
        comma = body.find(',');
        auto part = body.substr(0, comma);
        auto eq = part.find('=');
        if (eq == std::string_view::npos || !is_word(part.substr(0, eq))) return std::nullopt;
        data[std::string(part.substr(0, eq))] = cq_unescape(part.substr(eq + 1));
    }
    return json{{"type", type}, {"data", std::move(data)}};
}

std::string value_text(json const& v) {
    return v.is_string() ? v.get<std::string>() : v.dump();
}

}  // namespace

std::string cq_escape_text(std::string_view text) {
    return escape(text, false);
}
std::string cq_escape_param(std::string_view value) {
    return escape(value, true);
}

std::string cq_unescape(std::string_view text) {
    static constexpr std::pair<std::string_view, char> entities[] = {
        {"&#91;", '['}, {"&#93;", ']'}, {"&#44;", ','}, {"&amp;", '&'}};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        bool matched = false;
        if (text[i] == '&') {
            for (auto [entity, c] : entities) {
                if (text.substr(i).starts_with(entity)) {
                    out += c;
                    i += entity.size();
                    matched = true;
                    break;
                }
            }
        }
        if (!matched) out += text[i++];
    }
    return out;
}

json cq_parse(std::string_view cq) {
    json out = json::array();
    std::string text;  // pending text, still escaped
    auto flush = [&] {
        if (text.empty()) return;
        out.push_back({{"type", "text"}, {"data", {{"text", cq_unescape(text)}}}});
        text.clear();
    };
    std::size_t i = 0;
    while (i < cq.size()) {
        auto open = cq.find("[CQ:", i);
        if (open == std::string_view::npos) {
            text.append(cq.substr(i));
            break;
        }
        text.append(cq.substr(i, open - i));
        // A code ends at the first ']'; a '[' before it means this one never closed.
        auto close = cq.find_first_of("[]", open + 1);
        if (close != std::string_view::npos && cq[close] == ']') {
            if (auto code = parse_code(cq.substr(open + 4, close - open - 4))) {
                flush();
                out.push_back(std::move(*code));
                i = close + 1;
                continue;
            }
        }
        text += '[';  // not a code: the bracket is literal text
        i = open + 1;
    }
    flush();
    return out;
}

std::string cq_serialise(json const& segments) {
    if (segments.is_object()) return cq_serialise(json::array({segments}));
    std::string out;
    if (!segments.is_array()) return out;
    for (auto const& seg : segments) {
        auto type = seg.is_object() ? seg.find("type") : seg.end();
        if (type == seg.end() || !type->is_string() || !is_word(type->get<std::string>())) continue;
        auto data = seg.find("data");
        bool has_data = data != seg.end() && data->is_object();
        if (*type == "text") {
            if (has_data && data->contains("text")) out += cq_escape_text(value_text(data->at("text")));
            continue;
        }
        out += "[CQ:" + type->get<std::string>();
        if (has_data) {
            for (auto const& [key, value] : data->items()) {
                if (value.is_null() || !is_word(key)) continue;
                out += "," + key + "=" + cq_escape_param(value_text(value));
            }
        }
        out += ']';
    }
    return out;
}

}  // namespace adapters::onebot11
