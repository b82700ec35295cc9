#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

decoded group_increase(frame const& f) {
    bot::ev::member_joined e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = opt_id(f.j, "operator_id");
    auto how = opt_string(f.j, "sub_type");
    if (how == "approve" || how == "invite") e.how = how;
    return decoded::of(f.make(std::move(e)));
}

decoded group_decrease(frame const& f) {
    bot::ev::member_left e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "user_id");
    e.operator_id = opt_id(f.j, "operator_id");
    auto how = opt_string(f.j, "sub_type");
    // kick_me: the bot was kicked (user_id is the bot). disband (NapCat): the group is gone, so the
    // bot is out of it too, but nobody kicked it.
    e.kicked = how == "kick" || how == "kick_me";
    e.bot_removed = how == "kick_me" || how == "disband" || same_account(e.user, f.self_id);
    return decoded::of(f.make(std::move(e)));
}

}  // namespace adapters::onebot11::decoders
