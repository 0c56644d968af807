// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LabKey.h"
#include "base/Error.h"

#include <QList>

namespace Keepsake {

class Lab;

// The chain's disc-signing identity (DESIGN.md, "Network"): each data folder signs
// with its own lab key and registers the key's public half in the catalog (lab_keys)
// when it makes or first uses it; a disc signed with any key registered there is the
// chain's own, so a disc burned at store A is appended to at store B. A single store
// registers its one key and trusts only that.
class ChainKeys
{
public:
    // This data folder's key, made at first use, registered with the chain.
    static Result<LabKey> signingKey(const Lab &lab);
    // The keys a disc of this lab or chain is signed with: this folder's own (when it
    // has made one; registered now if it was not) and every key the catalog holds.
    static Result<QList<LabKey>> trusted(const Lab &lab);

private:
    static Status registerKey(const Lab &lab, const LabKey &key);
};

} // namespace Keepsake
