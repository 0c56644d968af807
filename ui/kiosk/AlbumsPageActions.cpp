// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AlbumsPage: the choices a customer makes for the disc and the print (cover, print
// selection), sharing, notices and extension.
#include "AlbumsPage.h"

#include "common/PhotoGridModel.h"
#include "lab/Lab.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>

namespace Keepsake {

void AlbumsPage::chooseCover()
{
    m_status->setText(tr("Choosing a cover is not available yet."));
}

void AlbumsPage::togglePrintSelection(bool on)
{
    m_model->setCheckable(on);
}

void AlbumsPage::share()
{
    m_status->setText(tr("Sharing is not available yet."));
}

void AlbumsPage::extend()
{
    m_status->setText(tr("Extending is not available yet."));
}

} // namespace Keepsake
