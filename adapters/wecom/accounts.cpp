// The three WeCom routes as bot accounts: how each sends, and whom it can look up.
#include <spdlog/spdlog.h>

#include "adapters/wecom/adapter.hpp"
#include "bot/display.hpp"
#include "bot/utf8.hpp"

namespace adapters::wecom {

namespace {

/// WeCom takes at most 2048 bytes of text per message: longer text goes in pieces cut at line
/// ends where possible, never inside a character.
std::vector<std::string> pieces_of(std::string const& text, std::size_t limit = 2000) {
    std::vector<std::string> out;
    std::string_view rest = text;
    while (rest.size() > limit) {
        auto cut = rest.substr(0, limit).rfind('\n');
        if (cut == std::string_view::npos || cut < limit / 2) {
            cut = limit;
            while (cut > 0 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
        }
        out.emplace_back(rest.substr(0, cut));
        rest.remove_prefix(cut);
        if (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);
    }
    if (!rest.empty() || out.empty()) out.emplace_back(rest);
    return out;
}

bot::error unsupported(std::string what) {
    return {bot::errc::unsupported, std::move(what)};
}

bot::member_info member_from(nlohmann::json const& m, std::string const& owner, std::set<std::string> const& admins) {
    bot::member_info info{};
    info.user = bot::id(m.value("userid", std::string()));
    info.nickname = m.value("name", std::string());
    info.card = m.value("group_nickname", std::string());
    auto id = info.user.str();
    info.role = id == owner ? bot::role::owner : admins.count(id) ? bot::role::admin : bot::role::member;
    if (auto t = m.find("join_time"); t != m.end() && t->is_number_integer())
        info.joined_at = bot::time_point(std::chrono::seconds(t->get<std::int64_t>()));
    return info;
}

/// The members of a groupchat/get answer.
std::vector<bot::member_info> members_of(nlohmann::json const& chat) {
    std::set<std::string> admins;
    for (auto const& a : chat.value("admin_list", nlohmann::json::array()))
        if (a.is_object()) admins.insert(a.value("userid", std::string()));
    auto owner = chat.value("owner", std::string());
    std::vector<bot::member_info> out;
    for (auto const& m : chat.value("member_list", nlohmann::json::array()))
        if (m.is_object()) out.push_back(member_from(m, owner, admins));
    return out;
}

}  // namespace

std::string const& account_base::name() const {
    static std::string const wecom = "wecom";
    return wecom;
}

bot::task<bot::status> account_base::recall(bot::id) {
    co_return unsupported("WeCom cannot recall a member's message");
}

bot::task<bot::status> account_base::mute(bot::id, bot::id, std::chrono::seconds) {
    co_return unsupported("WeCom groups have no mute");
}

bot::task<bot::status> account_base::kick(bot::id, bot::id, bool) {
    co_return unsupported("WeCom lets no bot remove a member from a group");
}

bot::task<bot::status> account_base::answer_request(bot::request_answer) {
    co_return unsupported("WeCom groups have no join requests for a bot to answer");
}

bot::task<bot::result<bot::member_info>> account_base::member(bot::id, bot::id user) {
    if (!caps_.member_info) co_return unsupported("member lookups need [adapters.wecom.app]");
    auto const who = user.str();
    co_return co_await owner_.app_user(who);
}

bot::task<bot::result<std::vector<bot::member_info>>> account_base::members(bot::id) {
    co_return unsupported("WeCom does not list the members of this kind of group to a bot");
}

bot::task<bot::result<bot::id>> bot_account::send(bot::target to, bot::message msg) {
    auto r = render(msg);
    auto chat = to.is_group() ? to.group.str() : "u:" + to.user.str();
    std::optional<bot::id> first;
    std::optional<bot::error> failed;
    for (auto const& piece : pieces_of(r.text)) {
        bool sent = false;
        // An answer to an @-message: its response URL, once, within the hour.
        if (auto url = owner_.responses().take(chat, r.reply_to, std::chrono::steady_clock::now())) {
            nlohmann::json body{{"msgtype", "markdown"}, {"markdown", {{"content", markdown_safe(piece)}}}};
            auto reply = co_await owner_.api().post_absolute(*url, body);
            if (reply.ok()) {
                sent = true;
                if (!first) first = owner_.next_id();
            } else {
                spdlog::warn("wecom: an answer through the bot's response URL failed ({}); trying the group robot",
                             reply.describe());
            }
        }
        if (!sent && to.is_group()) {
            if (auto const* key = owner_.webhook_for(to.group.str())) {
                nlohmann::json body{{"msgtype", "text"}, {"text", {{"content", piece}, {"mentioned_list", r.mentioned}}}};
                auto reply = co_await owner_.webhooks().send(*key, body);
                if (reply.ok()) {
                    sent = true;
                    if (!first) first = owner_.next_id();
                } else {
                    failed = reply.to_error("the group robot of " + bot::one_line(to.group.str()));
                }
            } else if (!failed) {
                failed = unsupported("the bot cannot post in group " + bot::one_line(to.group.str()) +
                                     " now: it answers @-messages within an hour, and posts on its own only through "
                                     "a group robot listed under [adapters.wecom.webhooks]");
            }
        } else if (!sent) {
            auto const who = to.user.str();
            auto reply = co_await owner_.app_send_private(who, piece);
            if (reply) {
                sent = true;
                if (!first) first = *reply;
            } else {
                failed = reply.err();
            }
        }
        if (!sent) break;
    }
    if (first) {
        if (failed) spdlog::warn("wecom: part of a long message was not sent: {}", failed->detail);
        co_return *first;
    }
    co_return failed ? *failed : unsupported("nothing to send");
}

bot::task<bot::result<bot::id>> app_account::send(bot::target to, bot::message msg) {
    auto r = render(msg);
    std::optional<bot::id> first;
    for (auto const& piece : pieces_of(r.text)) {
        if (!to.is_group()) {
            auto const who = to.user.str();
            auto sent = co_await owner_.app_send_private(who, piece);
            if (!sent) co_return sent;
            if (!first) first = *sent;
            continue;
        }
        nlohmann::json body{{"chatid", to.group.str()}, {"msgtype", "text"}, {"text", {{"content", piece}}}, {"safe", 0}};
        std::string const target = "/cgi-bin/appchat/send";
        auto reply = co_await owner_.app_token()->post(target, body);
        if (!reply.ok()) {
            auto e = reply.to_error("appchat/send");
            if (first) {
                spdlog::warn("wecom: part of a long message was not sent: {}", e.detail);
                break;
            }
            co_return e;
        }
        if (!first) first = owner_.next_id();
    }
    co_return *first;
}

bot::task<bot::result<std::vector<bot::member_info>>> app_account::members(bot::id group) {
    auto target = "/cgi-bin/appchat/get?chatid=" + net::url_encode(group.str());
    auto reply = co_await owner_.app_token()->get(target);
    if (!reply.ok()) co_return reply.to_error("appchat/get");
    auto info = reply.body.value("chat_info", nlohmann::json::object());
    auto owner = info.value("owner", std::string());
    std::vector<bot::member_info> out;
    for (auto const& u : info.value("userlist", nlohmann::json::array())) {
        if (!u.is_string()) continue;
        bot::member_info m{};
        m.user = bot::id(u.get<std::string>());
        m.role = m.user.str() == owner ? bot::role::owner : bot::role::member;
        auto const who = m.user.str();
        auto known = co_await owner_.app_user(who);
        if (known) m.nickname = known->nickname;
        out.push_back(std::move(m));
    }
    co_return out;
}

bot::task<bot::result<bot::id>> customer_account::send(bot::target to, bot::message msg) {
    auto r = render(msg);
    if (!to.is_group()) {
        auto const who = to.user.str();
        co_return co_await owner_.app_send_private(who, r.text);
    }
    // No bot may post into a customer group: its owner gets the text to post.
    auto const chat_id = to.group.str();
    auto reply = co_await owner_.customer_group(chat_id);
    if (!reply.ok()) co_return reply.to_error("groupchat/get");
    auto const& chat = reply.body["group_chat"];
    auto owner = chat.value("owner", std::string());
    if (owner.empty()) co_return bot::error{bot::errc::not_found, "the customer group has no owner to post for the bot"};
    auto name = bot::shown_name(chat.value("name", to.group.str()));
    auto text = "请在客户群「" + name + "」发送下面这段话（机器人不能在客户群发言）：\n" + r.text;
    co_return co_await owner_.app_send_private(owner, text);
}

bot::task<bot::result<bot::member_info>> customer_account::member(bot::id group, bot::id user) {
    auto list = co_await members(group);
    if (!list) co_return list.err();
    for (auto const& m : *list)
        if (m.user.str() == user.str()) co_return m;
    co_return bot::error{bot::errc::not_found, "not a member of this customer group"};
}

bot::task<bot::result<std::vector<bot::member_info>>> customer_account::members(bot::id group) {
    auto const chat_id = group.str();
    auto reply = co_await owner_.customer_group(chat_id);
    if (!reply.ok()) co_return reply.to_error("groupchat/get");
    co_return members_of(reply.body["group_chat"]);
}

}  // namespace adapters::wecom
