// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CustomerPanel: the clerk's actions on albums — restore, extend, re-send a notice,
// record to disc, index print — and the album columns they feed.
#include "CustomerPanel.h"

#include "common/MessageBox.h"
#include "lab/Lab.h"

#include <QPushButton>
#include <QTreeWidget>

namespace Keepsake {

void CustomerPanel::fillAlbumExtras()
{
}

void CustomerPanel::updateActions()
{
    const bool customer = m_data.customer.id != 0;
    const bool albums = !selectedAlbums().isEmpty();
    m_import->setEnabled(customer);
    m_audit->setEnabled(customer);
    m_record->setEnabled(false);
    m_print->setEnabled(false);
    m_restore->setEnabled(false);
    m_extend->setEnabled(false);
    m_resend->setEnabled(false);
    Q_UNUSED(albums);
}

void CustomerPanel::restoreAlbum()
{
}

void CustomerPanel::extendAlbum()
{
}

void CustomerPanel::resendNotice()
{
}

void CustomerPanel::recordToDisc()
{
}

void CustomerPanel::printIndex()
{
}

} // namespace Keepsake
