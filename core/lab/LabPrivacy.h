// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/PrivateFiles.h"

#include <QList>

namespace Keepsake {

class Lab;

// Part of `keepsakectl check`: whether the data folder is still private (0700) and
// the files directly in it — the catalog, its journal, the lab key — are 0600, and
// so is the catalog file when it lies elsewhere. A lab that widened them on purpose
// is told, not overruled.
class LabPrivacy
{
public:
    explicit LabPrivacy(const Lab &lab) : m_lab(lab) { }

    QList<PrivateFiles::TooOpen> tooOpen() const;

private:
    const Lab &m_lab;
};

} // namespace Keepsake
