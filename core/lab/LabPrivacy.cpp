// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabPrivacy.h"

#include "DeviceIdentity.h"
#include "Lab.h"
#include "catalog/Catalog.h"

#include <QDir>
#include <QFileInfo>

namespace Keepsake {

QList<PrivateFiles::TooOpen> LabPrivacy::tooOpen() const
{
    QStringList paths { m_lab.dataDir() };
    const QDir dataDir(m_lab.dataDir());
    for (const QString &name : dataDir.entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name)) {
        // A device's certificate is public: its clients and the chain's devices are given it.
        if (name != DeviceIdentity::certificateFileName())
            paths.append(dataDir.filePath(name));
    }
    const CatalogUrl &url = m_lab.catalog().url();
    if (url.driver == CatalogUrl::Driver::Sqlite) {
        const QString catalog = QFileInfo(url.sqlitePath).absoluteFilePath();
        for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal") }) {
            if (!paths.contains(catalog + suffix))
                paths.append(catalog + suffix);
        }
    }
    QList<PrivateFiles::TooOpen> found;
    for (const QString &path : paths) {
        if (const auto open = PrivateFiles::tooOpen(path))
            found.append(*open);
    }
    return found;
}

} // namespace Keepsake
