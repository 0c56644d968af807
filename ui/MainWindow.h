// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QLineEdit;
class QListWidget;
class QTreeWidget;
class QLabel;

namespace Keepsake {

class Lab;

// The counter window: find a customer, see their albums.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const Lab &lab, QWidget *parent = nullptr);

private:
    void searchCustomers(const QString &text);
    void showCustomer();

    const Lab &m_lab;
    QLineEdit *m_search = nullptr;
    QListWidget *m_customers = nullptr;
    QLabel *m_customerHeader = nullptr;
    QTreeWidget *m_albums = nullptr;
};

} // namespace Keepsake
