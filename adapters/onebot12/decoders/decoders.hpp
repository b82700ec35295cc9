#pragma once
/// One decoder per v12 event type; decode.cpp binds them to keys in its table.

#include "adapters/onebot12/decoders/fields.hpp"

namespace adapters::onebot12::decoders {

decoded group_message(frame const& f);
decoded private_message(frame const& f);
decoded member_increase(frame const& f);
decoded member_decrease(frame const& f);
decoded admin_set(frame const& f);
decoded admin_unset(frame const& f);
decoded group_message_delete(frame const& f);
decoded private_message_delete(frame const& f);
decoded wx_group_poke(frame const& f);
decoded wx_private_poke(frame const& f);
decoded wx_group_redbag(frame const& f);
decoded wx_private_redbag(frame const& f);
decoded wx_friend_request(frame const& f);
decoded connect(frame const& f);
decoded heartbeat(frame const& f);
decoded status_update(frame const& f);

// Types the core has no event for: ignored, each with its reason.
decoded friend_increase(frame const& f);
decoded friend_decrease(frame const& f);
decoded wx_card(frame const& f);
decoded wx_file(frame const& f);
decoded wx_announcement(frame const& f);

}  // namespace adapters::onebot12::decoders
