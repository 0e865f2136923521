"""In-portal notices and the channels (e-mail, later Zalo or SMS) that carry them."""
