#include "bot/event.hpp"

#include <fmt/format.h>

#include "bot/display.hpp"
#include "bot/overloaded.hpp"

namespace bot {

std::string_view role_name(role r) {
    switch (r) {
        case role::owner: return "owner";
        case role::admin: return "admin";
        case role::member: break;
    }
    return "member";
}

std::string shown_name_of(std::string_view card, std::string_view nickname, id const& user) {
    for (auto candidate : {card, nickname}) {
        auto name = shown_name(candidate);
        if (!name.empty()) return name;
    }
    return shown_name(user.str());
}

std::string sender::display_name() const {
    return shown_name_of(card, nickname, user);
}

namespace {

id group_of(event_payload const& p) {
    return std::visit(overloaded{
                          [](ev::group_message const& e) { return e.group; },
                          [](ev::private_message const&) { return id{}; },
                          [](ev::lifecycle const&) { return id{}; },
                          [](auto const& e) { return e.group; },
                      },
                      p);
}

}  // namespace

std::optional<group_ref> event::group() const {
    auto g = group_of(payload);
    if (g.empty()) return std::nullopt;
    return group_ref{platform, self_id, std::move(g)};
}

id event::user() const {
    return std::visit(overloaded{
                          [](ev::group_message const& e) { return e.from.user; },
                          [](ev::private_message const& e) { return e.from.user; },
                          [](ev::lifecycle const&) { return id{}; },
                          [](auto const& e) { return e.user; },
                      },
                      payload);
}

std::string_view event::kind() const {
    static constexpr std::string_view names[] = {"group_message", "private_message", "member_joined",
                                                 "member_left",   "message_recalled", "admin_changed",
                                                 "member_muted",  "poked",            "join_request",
                                                 "red_packet",    "lifecycle"};
    static_assert(std::size(names) == std::variant_size_v<event_payload>);
    return names[payload.index()];
}

std::string event::dedupe_key() const {
    // IDs go in as text: an implementation may send the same message_id as 7 on one connection and
    // "7" on another (or after a restart), and it is still one event.
    auto account = fmt::format("{}:{}:{}", platform, self_id.str(), kind());
    // Notices without a per-account ID are the same event through every account of the group.
    auto group_wide = fmt::format("{}:*:{}", platform, kind());
    auto t = time.time_since_epoch().count();
    return std::visit(
        overloaded{
            [&](ev::group_message const& e) { return fmt::format("{}:{}", account, e.message_id.str()); },
            [&](ev::private_message const& e) { return fmt::format("{}:{}", account, e.message_id.str()); },
            // A request's flag and a recall's message_id are the account's own.
            [&](ev::join_request const& e) { return fmt::format("{}:{}:{}", account, e.group.str(), e.flag.str()); },
            [&](ev::message_recalled const& e) { return fmt::format("{}:{}", account, e.message_id.str()); },
            [&](ev::member_joined const& e) {
                return fmt::format("{}:{}:{}:{}", group_wide, e.group.str(), e.user.str(), t);
            },
            [&](ev::member_left const& e) {
                // "The bot was removed" is news only to the account removed, not one event with the others'.
                return fmt::format("{}:{}:{}:{}:{}", group_wide, e.group.str(), e.user.str(), e.bot_removed, t);
            },
            [&](ev::admin_changed const& e) {
                return fmt::format("{}:{}:{}:{}:{}", group_wide, e.group.str(), e.user.str(), e.granted, t);
            },
            [&](ev::member_muted const& e) {
                return fmt::format("{}:{}:{}:{}:{}", group_wide, e.group.str(), e.user.str(), e.duration.count(), t);
            },
            [&](ev::poked const& e) {
                return fmt::format("{}:{}:{}:{}:{}", group_wide, e.group.str(), e.user.str(), e.target.str(), t);
            },
            [&](ev::red_packet const& e) {
                return fmt::format("{}:{}:{}:{}", group_wide, e.group.str(), e.user.str(), t);
            },
            // Lifecycle events are never deduplicated: an empty key means "always deliver".
            [&](ev::lifecycle const&) { return std::string(); },
        },
        payload);
}

}  // namespace bot
