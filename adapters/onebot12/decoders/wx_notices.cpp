#include "adapters/onebot12/decoders/decoders.hpp"

namespace adapters::onebot12::decoders {

// ComWeChat's pokes name the receiver in user_id and the poker in from_user_id.
decoded wx_group_poke(frame const& f) {
    bot::ev::poked e;
    e.group = need_id(f.j, "group_id");
    e.user = need_id(f.j, "from_user_id");
    e.target = need_id(f.j, "user_id");
    return decoded::of(f.make(std::move(e)));
}

decoded wx_private_poke(frame const& f) {
    bot::ev::poked e;
    e.user = need_id(f.j, "from_user_id");
    e.target = need_id(f.j, "user_id");
    return decoded::of(f.make(std::move(e)));
}

// A red packet arrived: user_id sent it. WeChat never says how much from outside the packet.
decoded wx_group_redbag(frame const& f) {
    return decoded::of(f.make(bot::ev::red_packet{need_id(f.j, "group_id"), need_id(f.j, "user_id"), std::nullopt, "redbag"}));
}

decoded wx_private_redbag(frame const& f) {
    return decoded::of(f.make(bot::ev::red_packet{{}, need_id(f.j, "user_id"), std::nullopt, "redbag"}));
}

decoded wx_card(frame const& f) {
    return decoded::ignore(decoder_key(f.j) + ": shared contact cards have no core event");
}

// Sent when a file arrives, before it is downloaded: nothing a plugin could act on yet.
decoded wx_file(frame const& f) {
    return decoded::ignore(decoder_key(f.j) + ": file-received notices have no core event (the file is not downloaded yet)");
}

decoded wx_announcement(frame const& f) {
    return decoded::ignore(decoder_key(f.j) + ": group announcement changes have no core event");
}

decoded friend_increase(frame const&) {
    return decoded::ignore("notice.friend_increase: new friends have no core event");
}

decoded friend_decrease(frame const&) {
    return decoded::ignore("notice.friend_decrease: lost friends have no core event");
}

}  // namespace adapters::onebot12::decoders
