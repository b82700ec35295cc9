#pragma once
/// Frames a paused link has read but not handed on: the events that came ahead of an answer the
/// bot waits for, on a connection that carries both (a OneBot "Universal" WebSocket). They are kept
/// as their text, unparsed, in arrival order; past `memory_bytes` they go to an unnamed temporary
/// file (deleted when closed), so a flood ahead of an answer costs disk, not memory.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>
#include <string_view>

namespace adapters::net {

class parked_frames {
public:
    explicit parked_frames(std::size_t memory_bytes) : memory_cap_(memory_bytes) {}
    ~parked_frames();
    parked_frames(parked_frames const&) = delete;
    parked_frames& operator=(parked_frames const&) = delete;

    /// Keeps a frame after every one kept before it.
    void park(std::string_view frame);
    /// The oldest frame kept; only when !empty(). Empty when it could not be read back from the file.
    std::string take();

    bool empty() const { return memory_.empty() && on_disk_ == 0; }
    std::size_t size() const { return memory_.size() + on_disk_; }
    std::size_t memory_bytes() const { return memory_bytes_; }
    /// The text of every frame kept, in memory and on disk.
    std::size_t bytes() const { return memory_bytes_ + disk_bytes_; }
    std::size_t on_disk() const { return on_disk_; }
    /// Frames that went to the file since the start.
    std::uint64_t spilled_total() const { return spilled_total_; }

private:
    void to_memory(std::string frame);
    bool spill(std::string_view frame);
    std::string read_back();

    std::size_t memory_cap_;
    std::deque<std::string> memory_;  ///< older than anything on disk
    std::size_t memory_bytes_ = 0;
    std::FILE* file_ = nullptr;
    long read_at_ = 0;
    long write_at_ = 0;
    std::size_t on_disk_ = 0;
    std::size_t disk_bytes_ = 0;  ///< the text of the frames on disk (without their length prefixes)
    std::uint64_t spilled_total_ = 0;
};

}  // namespace adapters::net
