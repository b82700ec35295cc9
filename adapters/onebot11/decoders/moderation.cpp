#include <cstdint>
#include <limits>

#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

namespace {

// ev::member_muted has no "until lifted": a whole-group mute (duration -1 on the wire) is reported
// as the longest duration that still leaves `time + duration` far from overflow.
constexpr std::chrono::seconds until_lifted{std::numeric_limits<std::int32_t>::max()};

}  // namespace

decoded group_admin(frame const& f) {
    auto how = opt_string(f.j, "sub_type");
    if (how != "set" && how != "unset") return decoded::ignore("notice.group_admin: unknown sub_type \"" + how + "\"");
    return decoded::of(f.make(bot::ev::admin_changed{need_id(f.j, "group_id"), need_id(f.j, "user_id"), how == "set"}));
}

decoded group_ban(frame const& f) {
    auto how = opt_string(f.j, "sub_type");
    if (how != "ban" && how != "lift_ban") return decoded::ignore("notice.group_ban: unknown sub_type \"" + how + "\"");
    bot::ev::member_muted e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = opt_id(f.j, "operator_id");
    auto duration = opt_int(f.j, "duration").value_or(0);
    // Whole-group mute: user_id 0 (go-cqhttp docs, NapCat), duration -1 while it lasts.
    e.whole_group = e.user.to_int() == 0;
    if (e.whole_group) e.user = {};
    if (how == "lift_ban")
        e.duration = std::chrono::seconds{0};
    else if (duration > 0)
        e.duration = std::chrono::seconds{duration};
    else
        e.duration = until_lifted;
    return decoded::of(f.make(std::move(e)));
}

}  // namespace adapters::onebot11::decoders
