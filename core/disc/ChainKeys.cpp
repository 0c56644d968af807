// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChainKeys.h"

#include "DiscLog.h"
#include "catalog/LabKeys.h"
#include "lab/Lab.h"

namespace Keepsake {

Status ChainKeys::registerKey(const Lab &lab, const LabKey &key)
{
    return LabKeys(lab.catalog()).record({ key.keyId(), key.publicKey(), lab.deviceId(), {} }, lab.clock().now());
}

Result<LabKey> ChainKeys::signingKey(const Lab &lab)
{
    Result<LabKey> key = LabKey::loadOrCreate(lab.dataDir());
    if (!key)
        return key;
    if (Status registered = registerKey(lab, *key); !registered)
        return registered.error();
    return key;
}

Result<QList<LabKey>> ChainKeys::trusted(const Lab &lab)
{
    QList<LabKey> keys;
    const Result<LabKey> own = LabKey::load(lab.dataDir());
    if (own) {
        if (Status registered = registerKey(lab, *own); !registered)
            return registered.error();
        keys.append(*own);
    } else if (own.error().kind() != Error::Kind::NotFound) {
        return own.error();
    }
    const Result<QList<RegisteredLabKey>> registered = LabKeys(lab.catalog()).list();
    if (!registered)
        return registered.error();
    for (const RegisteredLabKey &entry : *registered) {
        if (own && entry.keyId == own->keyId())
            continue;
        const Result<LabKey> key = LabKey::fromPublicKey(entry.publicKey);
        if (!key) {
            qCWarning(lcDisc).noquote() << "Lab key" << entry.keyId << "of the chain is not usable:"
                                        << key.error().message();
            continue;
        }
        if (key->keyId() != entry.keyId) {
            qCWarning(lcDisc).noquote() << "Lab key" << entry.keyId << "of the chain does not match its public key";
            continue;
        }
        keys.append(*key);
    }
    return keys;
}

} // namespace Keepsake
