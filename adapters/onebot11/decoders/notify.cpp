#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

decoded poke(frame const& f) {
    bot::ev::poked e;
    e.group = opt_id(f.j, "group_id");  // absent for a friend poke
    // In a friend poke go-cqhttp and NapCat name the poker in sender_id; user_id is the friend.
    e.user = opt_id(f.j, "sender_id");
    if (e.user.empty()) e.user = need_id(f.j, "user_id");
    e.target = need_id(f.j, "target_id");
    return decoded::of(f.make(std::move(e)));
}

decoded lucky_king(frame const& f) {
    // user_id sent the red packet, target_id won the most; v11 never says how much.
    return decoded::of(
        f.make(bot::ev::red_packet{need_id(f.j, "group_id"), need_id(f.j, "user_id"), std::nullopt, "lucky_king"}));
}

decoded honor(frame const&) {
    return decoded::ignore("notice.notify.honor: group honours (talkative, performer, emotion) have no core event");
}

}  // namespace adapters::onebot11::decoders
