#include "adapters/onebot12/profile.hpp"

#include <algorithm>
#include <cctype>

namespace adapters::onebot12 {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

profile generic_profile() {
    profile p;
    p.name = "generic";
    p.caps.recall = true;
    p.caps.mute = false;           // no standard action
    p.caps.kick = false;           // no standard action
    p.caps.join_requests = false;  // no standard request event or action
    p.caps.member_info = true;
    p.caps.member_list = true;
    p.caps.red_packet_events = false;
    p.caps.poke = false;
    // Whole-group mute, cards, titles and essence have no standard v12 action (only wx.* extensions
    // that do other things), so they stay off.
    p.caps.whole_mute = false;
    p.caps.set_card = false;
    p.caps.special_title = false;
    p.caps.essence = false;
    return p;
}

profile comwechat_profile() {
    profile p = generic_profile();
    p.name = "ComWechat";
    p.caps.recall = false;             // delete_message is not implemented (docs action/message.md)
    p.caps.kick = true;                // wx.delete_groupmember, needs the bot to own or manage the group
    p.caps.red_packet_events = true;   // wx.get_group_redbag (who sent one, never how much)
    p.caps.poke = false;               // pokes are received (wx.get_group_poke) but cannot be sent
    p.send_reply = false;              // reply segments are receive-only
    p.send_link_cards = true;          // wx.link can be sent
    p.kick_action = "wx.delete_groupmember";
    p.accept_friend_action = "wx.accept_friend";
    p.send_returns_message_id = false;  // the hook only reports success as `true`
    return p;
}

profile profile_for(std::string_view impl) {
    auto name = lower(impl);
    if (name == "comwechat" || name.starts_with("comwechat")) return comwechat_profile();
    auto p = generic_profile();
    if (!impl.empty()) p.name = std::string(impl);
    return p;
}

}  // namespace adapters::onebot12
