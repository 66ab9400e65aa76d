// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/tskunalloc.h"

#include "core/evidence/tskimage.h"

namespace vigil::evidence {

namespace {

struct RunState {
    std::vector<MediaRun> runs;
    std::uint64_t fsOffset = 0, blockSize = 0;
    const std::atomic<bool> *cancel = nullptr;
};

TSK_WALK_RET_ENUM onBlock(const TSK_FS_BLOCK *block, void *ptr)
{
    auto &st = *static_cast<RunState *>(ptr);
    if (st.cancel && st.cancel->load())
        return TSK_WALK_STOP;
    const std::uint64_t offset = st.fsOffset + static_cast<std::uint64_t>(block->addr) * st.blockSize;
    if (!st.runs.empty() && st.runs.back().offset + st.runs.back().length == offset)
        st.runs.back().length += st.blockSize;
    else
        st.runs.push_back({offset, st.blockSize});
    return TSK_WALK_CONT;
}

} // namespace

Result<std::vector<MediaRun>> unallocatedRuns(TSK_FS_INFO *fs, const std::atomic<bool> *cancel)
{
    RunState st;
    st.fsOffset = static_cast<std::uint64_t>(fs->offset);
    st.blockSize = fs->block_size;
    st.cancel = cancel;
    tsk_error_reset();
    const auto flags = static_cast<TSK_FS_BLOCK_WALK_FLAG_ENUM>(TSK_FS_BLOCK_WALK_FLAG_UNALLOC |
                                                                TSK_FS_BLOCK_WALK_FLAG_CONT |
                                                                TSK_FS_BLOCK_WALK_FLAG_META |
                                                                TSK_FS_BLOCK_WALK_FLAG_AONLY);
    if (tsk_fs_block_walk(fs, fs->first_block, fs->last_block, flags, onBlock, &st))
        return std::unexpected(tskError(ErrorCode::Corrupt, "the file system's allocation table could not be read"));
    if (cancel && cancel->load())
        return fail(ErrorCode::Cancelled, "cancelled");
    return std::move(st.runs);
}

} // namespace vigil::evidence
