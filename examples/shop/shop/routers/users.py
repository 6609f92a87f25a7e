"""/users: read users, and the current user."""

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from shop.db import get_db
from shop.models import User

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/{user_id}")
def read_user(user_id: int, db: Session = Depends(get_db)):
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="user not found")
    return {"id": user.id, "email": user.email}


@router.get("/me")
def read_current_user():
    return {"id": 0, "email": "me@example.com"}


@router.get("/")
def list_users(db: Session = Depends(get_db)):
    return [{"id": u.id, "email": u.email} for u in db.query(User).limit(100)]


@router.get("/")
def search_users(q: str = "", db: Session = Depends(get_db)):
    return [{"id": u.id} for u in db.query(User).filter(User.email.contains(q))]
