#include "adapters/wecom/decode.hpp"

#include <charconv>

namespace adapters::wecom {

namespace {

std::string text_at(nlohmann::json const& j, char const* outer, char const* inner) {
    auto o = j.find(outer);
    if (o == j.end() || !o->is_object()) return {};
    auto i = o->find(inner);
    return i != o->end() && i->is_string() ? i->get<std::string>() : std::string{};
}

std::string string_at(nlohmann::json const& j, char const* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

/// The bytes a mention of the bot ends with: a space, WeCom's U+2005, a no-break space, a line break.
std::size_t mention_end(std::string const& text, std::size_t from) {
    static constexpr std::string_view breaks[] = {" ", "\xE2\x80\x85", "\xC2\xA0", "\n"};
    std::size_t best = std::string::npos;
    for (auto b : breaks) best = std::min(best, text.find(b, from));
    return best;
}

std::size_t skip_break(std::string const& text, std::size_t at) {
    if (at >= text.size()) return text.size();
    if (text.compare(at, 3, "\xE2\x80\x85") == 0) return at + 3;
    if (text.compare(at, 2, "\xC2\xA0") == 0) return at + 2;
    return at + 1;
}

std::int64_t number_of(std::string const* s) {
    std::int64_t v = 0;
    if (!s) return 0;
    std::from_chars(s->data(), s->data() + s->size(), v);
    return v;
}

}  // namespace

bot::message with_mention(std::string const& text, bot::id const& self, std::string const& name) {
    bot::message out;
    std::string rest = text;
    auto lead = rest.find_first_not_of(" \n");
    if (lead != std::string::npos && rest.compare(lead, 1, "@") == 0) {
        std::size_t end = std::string::npos;
        if (!name.empty() && rest.compare(lead + 1, name.size(), name) == 0) {
            end = lead + 1 + name.size();
        } else if (name.empty()) {
            end = mention_end(rest, lead);
            if (end == std::string::npos) end = rest.size();
        }
        if (end != std::string::npos && (end == rest.size() || mention_end(rest, end) == end)) {
            out.segments().push_back(bot::seg::at{self, name});
            rest = rest.substr(skip_break(rest, end));
        }
    }
    if (out.segments().empty()) out.segments().push_back(bot::seg::at{self, name});  // the callback means it was @-ed
    if (!rest.empty()) out.segments().push_back(bot::seg::text{rest});
    return out;
}

std::optional<bot_callback> decode_bot(std::string_view plain, bot::id const& self, std::string const& name,
                                       bot::time_point now, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<bot_callback> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    auto j = nlohmann::json::parse(plain, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail("the bot callback is not a JSON object");
    bot_callback out;
    out.bot_id = string_at(j, "aibotid");
    out.message_id = string_at(j, "msgid");
    out.response_url = string_at(j, "response_url");
    auto type = string_at(j, "msgtype");
    auto chattype = string_at(j, "chattype");
    auto user = text_at(j, "from", "userid");
    auto chat = string_at(j, "chatid");
    if (type == "event" || type == "stream") {
        out.ignored = type == "event" ? "event " + text_at(j, "event", "eventtype") : "a stream refresh";
        return out;
    }
    if (user.empty()) return fail("the bot callback has no from.userid");
    if (chattype == "group" && chat.empty()) return fail("a group message without chatid");

    std::string text;
    bot::message extra;
    if (type == "text") {
        text = text_at(j, "text", "content");
    } else if (type == "voice") {
        text = text_at(j, "voice", "content");  // WeCom sends the transcription
    } else if (type == "image") {
        extra.segments().push_back(bot::seg::image{text_at(j, "image", "url"), {}, {}});
    } else if (type == "file") {
        extra.segments().push_back(bot::seg::file{{}, text_at(j, "file", "url"), 0});
    } else if (type == "mixed") {
        auto mixed = j.find("mixed");
        auto items = mixed != j.end() && mixed->is_object() ? mixed->find("msg_item") : j.end();
        if (items != j.end() && items->is_array()) {
            for (auto const& item : *items) {
                if (!item.is_object()) continue;
                auto kind = string_at(item, "msgtype");
                if (kind == "text") {
                    auto t = text_at(item, "text", "content");
                    // The first text carries the mention; later texts are the message's own.
                    if (text.empty() && extra.segments().empty()) text = t;
                    else extra.segments().push_back(bot::seg::text{t});
                } else if (kind == "image") {
                    extra.segments().push_back(bot::seg::image{text_at(item, "image", "url"), {}, {}});
                }
            }
        }
    } else {
        out.ignored = "message type \"" + type + "\"";
        return out;
    }

    bot::sender from;
    from.user = bot::id(user);
    if (chattype == "group") {
        auto content = with_mention(text, self, name);
        for (auto& s : extra.segments()) content.segments().push_back(std::move(s));
        out.chat = chat;
        bot::ev::group_message m;
        m.message_id = bot::id(out.message_id);
        m.group = bot::id(chat);
        m.from = std::move(from);
        m.content = std::move(content);
        out.event = bot::event{"wecom", self, now, std::move(m)};
    } else {
        bot::message content;
        if (!text.empty()) content.segments().push_back(bot::seg::text{text});
        for (auto& s : extra.segments()) content.segments().push_back(std::move(s));
        out.chat = "u:" + user;
        bot::ev::private_message m;
        m.message_id = bot::id(out.message_id);
        m.from = std::move(from);
        m.content = std::move(content);
        out.event = bot::event{"wecom", self, now, std::move(m)};
    }
    return out;
}

std::optional<app_callback> decode_app(xml_fields const& x, std::int64_t agent_id, bot::id const& self,
                                       bot::time_point now, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<app_callback> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    auto type = x.get("MsgType");
    if (!type) return fail("the app callback has no MsgType");
    app_callback out;
    auto created = number_of(x.get("CreateTime"));
    auto when = created > 0 ? bot::time_point(std::chrono::seconds(created)) : now;
    if (*type == "event") {
        auto ev = x.get("Event");
        std::string name = ev ? *ev : "";
        if (name != "change_external_chat") {
            out.ignored = "event \"" + name + "\"";
            return out;
        }
        auto change = x.get("ChangeType");
        auto detail = x.get("UpdateDetail");
        auto chat = x.get("ChatId");
        if (!chat || chat->empty()) return fail("change_external_chat without ChatId");
        if (!change || *change != "update" || !detail || (*detail != "add_member" && *detail != "del_member")) {
            out.ignored = "customer group change \"" + (change ? *change : "") + "/" + (detail ? *detail : "") + "\"";
            return out;
        }
        group_change c;
        c.chat_id = *chat;
        c.joined = *detail == "add_member";
        c.scene = static_cast<int>(number_of(x.get(c.joined ? "JoinScene" : "QuitScene")));
        c.time = when;
        if (auto it = x.lists.find("MemChangeList"); it != x.lists.end()) c.users = it->second;
        out.change = std::move(c);
        return out;
    }
    auto agent = x.get("AgentID");
    if (agent && number_of(agent) != agent_id) return fail("a message for another app (AgentID " + *agent + ")");
    auto from = x.get("FromUserName");
    if (!from || from->empty()) return fail("the app message has no FromUserName");
    bot::message content;
    if (*type == "text") {
        auto c = x.get("Content");
        content.segments().push_back(bot::seg::text{c ? *c : ""});
    } else if (*type == "image") {
        auto url = x.get("PicUrl");
        content.segments().push_back(bot::seg::image{url ? *url : "", {}, {}});
    } else {
        out.ignored = "app message type \"" + *type + "\"";
        return out;
    }
    bot::ev::private_message m;
    auto id = x.get("MsgId");
    m.message_id = bot::id(id ? *id : "");
    m.from.user = bot::id(*from);
    m.content = std::move(content);
    out.message = bot::event{"wecom", self, when, std::move(m)};
    return out;
}

std::vector<bot::event> change_events(group_change const& c, bot::id const& self) {
    std::vector<bot::event> out;
    for (auto const& u : c.users) {
        if (c.joined) {
            bot::ev::member_joined j;
            j.group = bot::id(c.chat_id);
            j.user = bot::id(u);
            // JoinScene: 1 invited directly, 2 by an invitation link, 3 by the group's QR code.
            j.how = c.scene == 1 || c.scene == 2 ? "invite" : "";
            out.push_back(bot::event{"wecom", self, c.time, std::move(j)});
        } else {
            bot::ev::member_left l;
            l.group = bot::id(c.chat_id);
            l.user = bot::id(u);
            l.kicked = c.scene == 1;  // QuitScene 1: removed by the owner or an admin
            out.push_back(bot::event{"wecom", self, c.time, std::move(l)});
        }
    }
    return out;
}

}  // namespace adapters::wecom
