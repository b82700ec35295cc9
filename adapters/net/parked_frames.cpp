#include "adapters/net/parked_frames.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace adapters::net {

parked_frames::~parked_frames() {
    if (file_) std::fclose(file_);
}

void parked_frames::park(std::string_view frame) {
    // Once frames are on disk, later ones follow them there, so the order holds.
    if (on_disk_ == 0 && memory_bytes_ + frame.size() <= memory_cap_) {
        to_memory(std::string(frame));
        return;
    }
    if (spill(frame)) return;
    // The file failed: what it holds comes back first, so the order still holds.
    while (on_disk_ > 0) to_memory(read_back());
    to_memory(std::string(frame));
}

std::string parked_frames::take() {
    if (!memory_.empty()) {
        auto frame = std::move(memory_.front());
        memory_.pop_front();
        memory_bytes_ -= frame.size();
        return frame;
    }
    return read_back();
}

void parked_frames::to_memory(std::string frame) {
    memory_bytes_ += frame.size();
    memory_.push_back(std::move(frame));
}

bool parked_frames::spill(std::string_view frame) {
    if (!file_) {
        file_ = std::tmpfile();
        if (!file_) {
            spdlog::error("cannot open a temporary file for the events read while paused ({}); they stay in memory",
                          std::strerror(errno));
            return false;
        }
    }
    auto size = static_cast<std::uint32_t>(frame.size());
    bool ok = std::fseek(file_, write_at_, SEEK_SET) == 0 && std::fwrite(&size, sizeof size, 1, file_) == 1 &&
              (size == 0 || std::fwrite(frame.data(), size, 1, file_) == 1);
    if (!ok) {
        // Nothing half written counts: write_at_ stays, and the next frame writes over it.
        spdlog::error("writing an event read while paused to the temporary file failed ({}); it stays in memory",
                      std::strerror(errno));
        return false;
    }
    write_at_ += static_cast<long>(sizeof size + size);
    disk_bytes_ += size;
    ++on_disk_;
    ++spilled_total_;
    return true;
}

std::string parked_frames::read_back() {
    std::string frame;
    std::uint32_t size = 0;
    bool ok = std::fseek(file_, read_at_, SEEK_SET) == 0 && std::fread(&size, sizeof size, 1, file_) == 1;
    if (ok) {
        frame.resize(size);
        ok = size == 0 || std::fread(frame.data(), size, 1, file_) == 1;
    }
    if (!ok) {
        spdlog::error("reading back an event read while paused failed ({}); it is lost", std::strerror(errno));
        frame.clear();
    }
    read_at_ += static_cast<long>(sizeof size + size);
    disk_bytes_ -= std::min<std::size_t>(disk_bytes_, size);
    if (--on_disk_ == 0) {
        disk_bytes_ = 0;
        // Everything was read back: the file starts again from its beginning.
        read_at_ = write_at_ = 0;
        std::fflush(file_);
        if (::ftruncate(::fileno(file_), 0) != 0)
            spdlog::debug("cannot shorten the temporary file of paused events: {}", std::strerror(errno));
    }
    return frame;
}

}  // namespace adapters::net
