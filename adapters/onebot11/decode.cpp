#include "adapters/onebot11/decode.hpp"

#include <spdlog/spdlog.h>

#include <unordered_map>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11 {

using nlohmann::json;

namespace {

namespace d = decoders;

// The one name → decoder table. A key is post_type "." the type field ("." sub_type for notify).
std::unordered_map<std::string_view, d::decoder> const table{
    {"message.group", d::group_message},
    {"message.private", d::private_message},
    {"message_sent.group", d::group_message},
    {"message_sent.private", d::private_message},
    {"notice.group_increase", d::group_increase},
    {"notice.group_decrease", d::group_decrease},
    {"notice.group_admin", d::group_admin},
    {"notice.group_ban", d::group_ban},
    {"notice.group_recall", d::group_recall},
    {"notice.friend_recall", d::friend_recall},
    {"notice.notify.poke", d::poke},
    {"notice.notify.lucky_king", d::lucky_king},
    {"notice.notify.honor", d::honor},
    {"notice.group_upload", d::group_upload},
    {"notice.group_card", d::group_card},
    {"notice.essence", d::essence},
    {"notice.friend_add", d::friend_add},
    {"request.group", d::group_request},
    {"request.friend", d::friend_request},
    {"meta_event.lifecycle", d::lifecycle},
    {"meta_event.heartbeat", d::heartbeat},
};

// The field that names the type, for each post_type we know.
std::unordered_map<std::string_view, char const*> const type_fields{
    {"message", "message_type"}, {"message_sent", "message_type"},  {"notice", "notice_type"},
    {"request", "request_type"}, {"meta_event", "meta_event_type"},
};

std::string string_field(json const& j, char const* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

decoded dispatch(json const& frame) {
    auto post_type = frame.find("post_type");
    if (post_type == frame.end()) {
        // Action responses carry no post_type (how nonebot and Koishi tell them apart).
        if (!frame.contains("status") && !frame.contains("echo"))
            return decoded::fail("frame has no \"post_type\" and is not an action response (no status, no echo)");
        decoded r{decoded::kind::response, {}, false, {}, {}, frame.value("echo", json())};
        return r;
    }
    if (!post_type->is_string()) return decoded::fail("\"post_type\" is not a string");
    auto field = type_fields.find(post_type->get<std::string>());
    if (field == type_fields.end())
        return decoded::ignore("unknown post_type \"" + post_type->get<std::string>() + "\"");
    if (string_field(frame, field->second).empty())
        return decoded::fail(post_type->get<std::string>() + " frame has no string \"" + field->second + "\"");
    auto key = decoder_key(frame);
    if (key == "notice.notify") return decoded::fail("notice.notify frame has no string \"sub_type\"");
    auto it = table.find(key);
    if (it == table.end()) return decoded::ignore("no decoder for " + key);
    try {
        return it->second(d::frame{frame, d::need_id(frame, "self_id"), d::need_time(frame)});
    } catch (d::malformed const& e) {
        return decoded::fail(key + ": " + e.what());
    }
}

}  // namespace

std::string decoder_key(json const& frame) {
    auto post_type = string_field(frame, "post_type");
    if (post_type.empty()) return {};
    auto field = type_fields.find(post_type);
    if (field == type_fields.end()) return post_type;
    auto key = post_type + "." + string_field(frame, field->second);
    if (key == "notice.notify" && !string_field(frame, "sub_type").empty())
        key += "." + string_field(frame, "sub_type");
    return key;
}

decoded decode_frame(json const& frame) {
    decoded out;
    try {
        out = frame.is_object() ? dispatch(frame) : decoded::fail("frame is not a JSON object");
    } catch (std::exception const& e) {  // a JSON shape no reader expected; never let it escape
        out = decoded::fail(std::string("unexpected frame shape: ") + e.what());
    }
    if (out.is(decoded::kind::ignored)) spdlog::debug("onebot11: ignored frame: {}", out.reason);
    return out;
}

decoded decode_text(std::string_view text) {
    auto frame = net::parse_json(text);
    if (!frame) return decoded::fail("frame is " + frame.error);
    return decode_frame(frame.value);
}

}  // namespace adapters::onebot11
