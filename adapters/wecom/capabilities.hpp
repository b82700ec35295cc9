#pragma once
/// What each WeCom route can do, declared once: the adapter's accounts report these, and the
/// plugins' transcript tests run on the same sets.

#include "bot/platform.hpp"

namespace adapters::wecom {

/// The three ways qunbot reaches WeCom users, one bot account each.
enum class route {
    /// The intelligent bot (智能机器人) in internal groups: it sees only the messages that @-mention
    /// it, answers through the callback's response_url, and posts on its own through a group's
    /// webhook key (群机器人) where one is configured.
    bot,
    /// The self-built app (自建应用): private messages with members, and group chats the app created
    /// (appchat), which it can post to but not read.
    app,
    /// Customer groups (客户群) with ordinary WeChat users: joins and leaves arrive by callback; the
    /// bot reads no message there and cannot post, so a group message goes to the group's owner to post.
    customer,
};

/// The capability set of a route. `with_app`: a self-built app is configured, so members can be
/// looked up (user/get) and admins told privately.
inline bot::capabilities capabilities_of(route r, bool with_app) {
    bot::capabilities c;
    c.recall = false;  // only the app's own messages, and qunbot never needs to take back its own
    c.mute = false;    // WeCom has no mute for groups
    c.kick = false;    // no API removes a member from an internal or customer group
    c.join_requests = false;
    c.red_packet_events = false;
    c.poke = false;
    c.whole_mute = c.set_card = c.special_title = c.essence = false;
    c.all_messages = false;  // @-messages only (bot), none (app groups, customer groups)
    c.needs_pacing = true;
    switch (r) {
        case route::bot:
            c.member_info = with_app;
            c.member_list = false;
            c.group_post = true;
            break;
        case route::app:
            c.member_info = true;
            c.member_list = true;  // appchat/get lists the members of a chat the app created
            c.group_post = true;
            break;
        case route::customer:
            c.member_info = true;  // externalcontact/groupchat/get
            c.member_list = true;
            c.group_post = false;
            break;
    }
    return c;
}

}  // namespace adapters::wecom
