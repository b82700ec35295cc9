#include "adapters/onebot12/decode.hpp"

#include <spdlog/spdlog.h>

#include <unordered_map>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot12/decoders/decoders.hpp"

namespace adapters::onebot12 {

using nlohmann::json;

namespace {

namespace d = decoders;

// The one name → decoder table. A key is type "." detail_type; extension types keep their prefix.
std::unordered_map<std::string_view, d::decoder> const table{
    {"message.group", d::group_message},
    {"message.private", d::private_message},
    {"notice.group_member_increase", d::member_increase},
    {"notice.group_member_decrease", d::member_decrease},
    {"notice.group_admin_set", d::admin_set},
    {"notice.group_admin_unset", d::admin_unset},
    {"notice.group_message_delete", d::group_message_delete},
    {"notice.private_message_delete", d::private_message_delete},
    {"notice.friend_increase", d::friend_increase},
    {"notice.friend_decrease", d::friend_decrease},
    {"notice.wx.get_group_poke", d::wx_group_poke},
    {"notice.wx.get_private_poke", d::wx_private_poke},
    {"notice.wx.get_group_redbag", d::wx_group_redbag},
    {"notice.wx.get_private_redbag", d::wx_private_redbag},
    {"notice.wx.get_group_card", d::wx_card},
    {"notice.wx.get_private_card", d::wx_card},
    {"notice.wx.get_group_file", d::wx_file},
    {"notice.wx.get_private_file", d::wx_file},
    {"notice.wx.get_group_announcement", d::wx_announcement},
    {"request.wx.friend_request", d::wx_friend_request},
    {"meta.connect", d::connect},
    {"meta.heartbeat", d::heartbeat},
    {"meta.status_update", d::status_update},
};

std::string string_field(json const& j, char const* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool known_type(std::string_view type) {
    return type == "message" || type == "notice" || type == "request" || type == "meta";
}

decoded dispatch(json const& frame) {
    auto type = frame.find("type");
    if (type == frame.end()) {
        // Action responses carry no `type`; they have a status and, when we sent one, an echo.
        if (!frame.contains("status") && !frame.contains("echo"))
            return decoded::fail("frame has no \"type\" and is not an action response (no status, no echo)");
        decoded r;
        r.what = decoded::kind::response;
        r.echo = frame.value("echo", json());
        return r;
    }
    if (!type->is_string()) return decoded::fail("\"type\" is not a string");
    auto type_name = type->get<std::string>();
    if (!known_type(type_name)) return decoded::ignore("unknown type \"" + type_name + "\"");
    if (string_field(frame, "detail_type").empty())
        return decoded::fail(type_name + " frame has no string \"detail_type\"");
    auto key = decoder_key(frame);
    auto it = table.find(key);
    if (it == table.end()) return decoded::ignore("no decoder for " + key);
    try {
        bool meta = type_name == "meta";
        d::frame f{frame, meta ? self_ref{} : d::need_self(frame), d::need_time(frame)};
        auto out = it->second(f);
        out.event_id = string_field(frame, "id");
        out.self = f.self;
        return out;
    } catch (d::malformed const& e) {
        return decoded::fail(key + ": " + e.what());
    }
}

}  // namespace

std::string decoder_key(json const& frame) {
    if (!frame.is_object()) return {};
    auto type = string_field(frame, "type");
    if (type.empty()) return {};
    return type + "." + string_field(frame, "detail_type");
}

decoded decode_frame(json const& frame) {
    decoded out;
    try {
        out = frame.is_object() ? dispatch(frame) : decoded::fail("frame is not a JSON object");
    } catch (std::exception const& e) {  // a JSON shape no reader expected; never let it escape
        out = decoded::fail(std::string("unexpected frame shape: ") + e.what());
    }
    if (out.is(decoded::kind::ignored)) spdlog::debug("onebot12: ignored frame: {}", out.reason);
    return out;
}

decoded decode_text(std::string_view text) {
    auto frame = net::parse_json(text);
    if (!frame) return decoded::fail("frame is " + frame.error);
    return decode_frame(frame.value);
}

}  // namespace adapters::onebot12
