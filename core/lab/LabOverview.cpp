// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabOverview.h"

#include "Lab.h"
#include "catalog/Catalog.h"
#include "catalog/SqlQuery.h"
#include "store/BlobStore.h"

#include <QStorageInfo>

namespace Keepsake {

Result<LabOverview> LabOverview::read(const Lab &lab)
{
    LabOverview overview;
    const QSqlDatabase db = lab.catalog().db();
    SqlQuery counts(db, QStringLiteral(
        "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM photos), "
        "(SELECT count(*) FROM blobs), (SELECT coalesce(sum(size), 0) FROM blobs), "
        "(SELECT count(*) FROM handins WHERE state = 'failed'), "
        "(SELECT count(*) FROM handins WHERE state = 'interrupted')"));
    if (Status status = counts.exec(); !status)
        return status.error();
    if (counts.next()) {
        overview.customers = counts.value(0).toInt();
        overview.photos = counts.value(1).toInt();
        overview.storedFiles = counts.integer(2);
        overview.storedBytes = counts.integer(3);
        overview.handinsFailed = counts.value(4).toInt();
        overview.handinsInterrupted = counts.value(5).toInt();
    }
    SqlQuery states(db, QStringLiteral("SELECT state, count(*) FROM albums GROUP BY state"));
    if (Status status = states.exec(); !status)
        return status.error();
    for (const char *state : { "active", "expiring", "expired", "recorded", "purged" })
        overview.albumsByState.insert(QString::fromLatin1(state), 0);
    while (states.next())
        overview.albumsByState.insert(states.text(0), states.value(1).toInt());
    const QStorageInfo storage(lab.dataDir());
    overview.freeBytes = storage.isValid() ? storage.bytesAvailable() : -1;
    overview.schemaVersion = lab.catalog().schemaVersion();
    overview.catalog = lab.catalog().url().displayName();
    overview.dataDir = lab.dataDir();
    return overview;
}

} // namespace Keepsake
